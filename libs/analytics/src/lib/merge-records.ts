import type { DuckDBConnection } from '@duckdb/node-api';
import type { DedupeConfig, FieldType, MergeCorrection, MergePolicy, MergeStatsView } from '@sluice/contracts';

import { labelComponents, LABELS_TABLE } from './dedupe/connected-components';
import { dedupePlanOf } from './dedupe/dedupe-plan';
import { findLinks, LINKS_TABLE } from './dedupe/link-sources';
import { explainMembers } from './dedupe/member-evidence';
import { applyCorrections, CORRECTION_MARKS_TABLE } from './dedupe/merge-corrections';
import type { ProbabilisticModel } from './dedupe/probabilistic-links';
import { writeProvenance } from './dedupe/provenance-file';
import { clusterIdSql, fileOfRecordSql, lineOfRecordSql } from './dedupe/record-ids';
import { openStagedFiles, StagedFile, stagedRows } from './dedupe/staged-rows';
import { normalisedValue } from './dedupe/normalised-text';
import { FLAGGED_GROUPS_TABLE, flagStrongConflicts } from './dedupe/strong-identifiers';
import { MEASURED_TABLE, measuredList } from './measured-rows';
import { RecordBatches, writeRecordLines } from './record-batches';
import { csvHeaderLine, csvLine, jsonLine, writeLines } from './text-lines';

/** The dataset's de-duplication (see DedupeConfig): key alternatives, fuzzy names, strong identifiers, or a probabilistic model. */
export type MergeDedupe = DedupeConfig;

/** The columns provenanceColumns adds to the merged CSV. */
export const PROVENANCE_COLUMNS = ['_cluster_id', '_source_lines'] as const;

export interface MergeInput {
  /** Staged CSVs (header = `fields`, after the source line column), in the order the job's files were uploaded. */
  files: string[];
  /** Each file's number in the job (upload order, from 0), which record references and cluster ids name; its place in `files` when absent. */
  fileNumbers?: number[];
  fields: string[];
  /** Fields' types: emails, domains and web addresses are matched as written (case aside), other values with punctuation folded. */
  types?: Record<string, FieldType>;
  dedupe?: MergeDedupe;
  /** A reviewer's corrections, applied in order after linking and before merging (with dedupe only). */
  corrections?: MergeCorrection[];
  /** Where to write the merged CSV. */
  output: string;
  /** Neutralise formula-like cells (a download); false for a CSV this system reads back. Default true. */
  escape?: boolean;
  /** Also write the merged records as newline-delimited JSON, numbers and booleans typed per field (with `_cluster_id` when de-duplicating). */
  records?: { output: string; types: Record<string, FieldType> };
  /** Also keep these fields' cells of every merged record, unescaped, in the measured table (see MeasuredRows). */
  measure?: string[];
  /** Also write who was merged with whom and why, as Parquet (see provenance-file.ts); with dedupe only. */
  provenance?: { output: string };
  /** Add `_cluster_id` and `_source_lines` ("file:line;file:line") columns to the merged CSV. */
  provenanceColumns?: boolean;
}

export type MergeStats = MergeStatsView;

export interface MergeOutcome {
  stats: MergeStats;
  /** The records file's batches, when records were asked for. */
  records?: RecordBatches;
  /** Probabilistic mode: the model estimated from the records. */
  model?: ProbabilisticModel;
}

// Every row is one list of cells in `fields` order, so each step is one expression however wide the
// file (datasets that keep unmapped columns reach tens of thousands): per-column select lists made
// DuckDB slow from a few hundred columns and too deep to plan from about a thousand. Linking reads a
// narrow table (`keyed`) of the few fields it needs; only duplicates' full rows are kept for merging.

/** A field's cell in a list of cells in `names` order, as SQL; NULL for a name the list lacks. */
const cellAt = (list: string, names: string[]) => (field: string) => (names.includes(field) ? `${list}[${names.indexOf(field) + 1}]` : 'NULL::VARCHAR');

// Which row of a group comes first (see MergePolicy) as one sortable value per row: record ids sort
// as file, then line; most complete means most filled cells. A group's rows are put in order by
// sorting their list (an ordered aggregate took twice as long).
const PRIORITY_KEY: Record<MergePolicy, string> = {
  first: 'record_id',
  most_recent: '-record_id',
  most_complete: `{'filled': -list_count(cells), 'id': record_id}`,
};

const TEMP_TABLES = ['keyed', LINKS_TABLE, LABELS_TABLE, CORRECTION_MARKS_TABLE, 'duplicates', FLAGGED_GROUPS_TABLE, 'member_evidence', 'rows', 'merged', 'merged_lines'];

/**
 * Groups the records: links per the dataset (any key alternative, confirmed fuzzy names, or the
 * probabilistic model), connected components over the links, then the corrections. Leaves
 * `duplicates` (record_id, label) for the records of groups of two or more, and `flagged_groups`.
 */
async function groupRecords(db: DuckDBConnection, staged: StagedFile[], dedupe: MergeDedupe | undefined, corrections: MergeCorrection[], types: Record<string, FieldType>) {
  const plan = dedupe ? dedupePlanOf(dedupe) : null;
  const fields = plan?.fields ?? [];
  const normalised = plan?.normalised ? fields.map((field) => normalisedValue(types[field])) : undefined;
  await db.run(`CREATE TEMP TABLE keyed AS SELECT record_id, file_index, row_in_file, cells AS key_cells
    FROM (${stagedRows(staged, fields, normalised && ((cell, index) => normalised[index](cell)))})`);
  if (!plan) {
    await db.run('CREATE TEMP TABLE duplicates (record_id BIGINT, label BIGINT)');
    await db.run(`CREATE TEMP TABLE ${FLAGGED_GROUPS_TABLE} (label BIGINT)`);
    return undefined;
  }
  const cell = cellAt('key_cells', fields);
  const model = await findLinks(db, plan, cell);
  await labelComponents(db, LINKS_TABLE);
  await applyCorrections(db, corrections);
  await db.run(`CREATE TEMP TABLE duplicates AS SELECT record_id, label FROM ${LABELS_TABLE} QUALIFY count(*) OVER (PARTITION BY label) > 1`);
  await flagStrongConflicts(db, plan.strongIdentifiers, (field) => (plan.normalised ? cell(field) : normalisedValue(types[field])(cell(field))));
  return model;
}

// Folds a group's rows (in policy order) into one list, position by position, with `pick` (coalesce,
// least, greatest: variadic) choosing among the rows' values. Linear in the group's cells. Groups of
// up to DIRECT_FOLD rows, nearly all of them, zip their rows at once: list_reduce took three times as long.
const DIRECT_FOLD = 8;
const fold = (versions: string, pick: string) => {
  const row = (k: number) => Array.from({ length: k }, (_, i) => `${versions}[${i + 1}]`).join(', ');
  const at = (k: number) => Array.from({ length: k }, (_, i) => `t[${i + 1}]`).join(', ');
  const direct = Array.from({ length: DIRECT_FOLD - 1 }, (_, i) => i + 2).map((k) => `WHEN ${k} THEN list_transform(list_zip(${row(k)}), lambda t: ${pick}(${at(k)}))`);
  const reduced = `list_reduce(${versions}, lambda acc, row: list_transform(list_zip(acc, row), lambda pair: ${pick}(pair[1], pair[2])))`;
  return `CASE len(${versions}) WHEN 1 THEN ${versions}[1] ${direct.join(' ')} ELSE ${reduced} END`;
};

/** Positions (1-based) of the pairs of two lists for which `test` holds, as SQL. */
const positionsWhere = (a: string, b: string, test: string) =>
  `list_transform(list_filter(list_zip(${a}, ${b}, range(1, len(${a}) + 1)), lambda t: ${test}), lambda t: t[3]::INTEGER)`;

/**
 * One record per duplicate group, over the group's rows only: each cell the first filled value in
 * policy order; a cell counts as filled when the best row had it empty, as a conflict when values differ.
 * For provenance, `merged` also keeps the members' ids in policy order and the filled and conflicting positions.
 */
async function mergeDuplicates(db: DuckDBConnection, policy: MergePolicy, keep: { sourceLines: boolean; positions: boolean }): Promise<void> {
  // A merged record takes the place of the group's first row, whose id is the group's label (the
  // smallest). Source lines come from the sorted ids (an ordered string_agg cost more than the merge itself).
  const sourceLines = keep.sourceLines
    ? `array_to_string(list_transform(list_sort(list(record_id)), lambda id: ${fileOfRecordSql('id')} || ':' || ${lineOfRecordSql('id')}), ';')`
    : 'NULL::VARCHAR';
  await db.run(`CREATE TEMP TABLE groups AS SELECT label, list_sort(list({'key': ${PRIORITY_KEY[policy]}, 'id': record_id, 'cells': cells})) AS sorted, ${sourceLines} AS source_lines
    FROM rows WHERE label IS NOT NULL GROUP BY label`);
  const filled = positionsWhere('versions[1]', 'cells', 't[1] IS NULL AND t[2] IS NOT NULL');
  const conflicting = positionsWhere('lowest', 'highest', 't[1] <> t[2]');
  const counts = keep.positions
    ? `len(filled_positions) AS filled, len(conflict_positions) AS conflicts, ids, filled_positions, conflict_positions`
    : `list_count(list_filter(list_zip(versions[1], cells), lambda pair: pair[1] IS NULL AND pair[2] IS NOT NULL)) AS filled,
      list_count(list_filter(list_zip(lowest, highest), lambda pair: pair[1] <> pair[2])) AS conflicts`;
  await db.run(`CREATE TEMP TABLE merged AS SELECT label, ${fileOfRecordSql('label')} AS file_index, ${lineOfRecordSql('label')} AS row_in_file, cells, source_lines, ${counts}
    FROM (SELECT *${keep.positions ? `, ${filled} AS filled_positions, ${conflicting} AS conflict_positions` : ''} FROM (
      SELECT label, versions, source_lines, ${keep.positions ? 'list_transform(sorted, lambda version: version.id) AS ids, ' : ''}
        ${fold('versions', 'coalesce')} AS cells, ${fold('versions', 'least')} AS lowest, ${fold('versions', 'greatest')} AS highest
      FROM (SELECT label, list_transform(sorted, lambda version: version.cells) AS versions, sorted, source_lines FROM groups)))`);
  await db.run('DROP TABLE groups');
}

/**
 * Merges a job's staged files into one CSV, de-duplicating per the dataset: records are linked when
 * any key alternative agrees (or a confirmed fuzzy match, or the probabilistic model, links them),
 * groups are the connected components of the links, corrected by reviewers; one surviving record per
 * group, its empty fields filled from the others in policy order, conflicts counted. Runs on the
 * caller's DuckDB session and leaves only the measured table behind.
 */
export async function mergeRecords(db: DuckDBConnection, input: MergeInput): Promise<MergeOutcome> {
  const { files, fileNumbers, fields, types = {}, dedupe, corrections = [], output, escape = true, records, measure, provenance, provenanceColumns } = input;
  const staged = await openStagedFiles(files, fileNumbers);
  const model = await groupRecords(db, staged, dedupe, corrections, types);

  // A record's cluster: its group's id, or its own; its source lines: "file:line", a group's joined by ";".
  const header = provenanceColumns ? [...fields, ...PROVENANCE_COLUMNS] : fields;
  const recordNames = dedupe ? [...fields, PROVENANCE_COLUMNS[0]] : fields;
  const lines = (cells: string, cluster: { id: string; lines: string }, when = 'true') => {
    const withColumns = provenanceColumns ? `list_concat(${cells}, [${cluster.id}, ${cluster.lines}])` : cells;
    const withCluster = dedupe ? `list_concat(${cells}, [${cluster.id}])` : cells;
    return [
      `CASE WHEN ${when} THEN ${csvLine(withColumns, escape)} END AS line`,
      ...(records ? [`CASE WHEN ${when} THEN ${jsonLine(withCluster, recordNames, records.types)} END AS record`] : []),
      ...(measure ? [`CASE WHEN ${when} THEN ${measuredList(measure, cellAt(cells, fields))} END AS measured`] : []),
    ].join(', ');
  };
  // Rows in no group become their output lines as they are read; only duplicates keep their cells.
  const alone = { id: clusterIdSql('r.record_id'), lines: `r.file_index || ':' || r.row_in_file` };
  await db.run(`CREATE TEMP TABLE rows AS SELECT r.record_id, r.file_index, r.row_in_file, d.label, ${lines('r.cells', alone, 'd.label IS NULL')},
      CASE WHEN d.label IS NOT NULL THEN r.cells END AS cells
    FROM (${stagedRows(staged, fields)}) r LEFT JOIN duplicates d ON d.record_id = r.record_id`);
  const policy = dedupe?.policy ?? 'first';
  await mergeDuplicates(db, policy, { sourceLines: provenanceColumns === true, positions: dedupe !== undefined && provenance !== undefined });
  await db.run(`CREATE TEMP TABLE merged_lines AS SELECT file_index, row_in_file, ${lines('cells', { id: clusterIdSql('label'), lines: 'source_lines' })} FROM merged`);
  // Lines are narrow enough to sort cheaply; the rows stay in one table (not copied again) until written.
  const all = (column: string) => `(SELECT file_index, row_in_file, ${column} FROM rows WHERE label IS NULL UNION ALL SELECT file_index, row_in_file, ${column} FROM merged_lines)`;
  await writeLines(
    db,
    `SELECT line FROM (SELECT -1 AS file_index, 0 AS row_in_file, ${csvHeaderLine(header, escape)} AS line UNION ALL SELECT * FROM ${all('line')}) ORDER BY file_index, row_in_file`,
    output,
  );
  const batches = records ? await writeRecordLines(db, all('record'), 'file_index, row_in_file', records.output) : undefined;
  if (measure) await db.run(`CREATE TEMP TABLE ${MEASURED_TABLE} AS SELECT measured AS cells FROM ${all('measured')}`);
  if (dedupe && provenance) {
    await explainMembers(db, LINKS_TABLE);
    await writeProvenance(db, { output: provenance.output, fields, strongIdentifiers: dedupe.strongIdentifiers ?? [], types });
  }
  const totals = await db.runAndReadAll(`SELECT (SELECT count(*) FROM keyed), (SELECT count(*) FROM rows WHERE label IS NULL) + (SELECT count(*) FROM merged),
    (SELECT coalesce(sum(filled), 0) FROM merged), (SELECT coalesce(sum(conflicts), 0) FROM merged), (SELECT count(*) FROM merged),
    (SELECT count(*) FROM ${FLAGGED_GROUPS_TABLE})`);
  const [rowsIn, rowsOut, fieldsMerged, conflicts, groups, flaggedGroups] = totals.getRows()[0].map(Number);
  // A pipeline merges each of its datasets in the same session.
  for (const table of TEMP_TABLES) await db.run(`DROP TABLE IF EXISTS ${table}`);
  return {
    stats: { rowsIn, rowsOut, duplicatesRemoved: rowsIn - rowsOut, fieldsMerged, conflicts, groups, flaggedGroups },
    ...(batches ? { records: batches } : {}),
    ...(model ? { model } : {}),
  };
}
