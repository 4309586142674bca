import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { FieldType } from '@sluice/contracts';

import { sqlLiteral } from '../duckdb-session';
import { FLAGGED_GROUPS_TABLE } from './strong-identifiers';
import { MEMBER_EVIDENCE_TABLE } from './member-evidence';
import { normalisedValue } from './normalised-text';
import { clusterIdSql, fileOfRecordSql, lineOfRecordSql } from './record-ids';

/**
 * The provenance of a merge, one Parquet file whose rows are of three kinds (`kind`):
 * - `fields`: one row; `cells` holds the field names every other row's positions refer to (1-based).
 * - `group`: one per group of two or more records: `cluster_id`, `file`/`line` of its first record,
 *   `size`, `certainty` (its least certain member's), `flagged` (members disagree on a strong
 *   identifier), `corrected` (a correction changed it), `cells` (the surviving record) and `conflicts`
 *   (position, the distinct values, strong).
 * - `record`: one per input record: `file` (job file number), `line` (source line), `survivor` (its
 *   values win every conflict: first in policy order; a record alone survives as it is); for members
 *   of a group also `cluster_id`, `reason`, `matched_on`, `probability`, `contributed` (positions
 *   whose surviving value came from it) and `cells` (the record as staged). A record alone is its own
 *   cluster, c-<file>-<line>, not stored.
 * readMergeGroups reads it back.
 */
export const PROVENANCE_KINDS = { fields: 'fields', group: 'group', record: 'record' } as const;

export interface ProvenanceInput {
  output: string;
  fields: string[];
  strongIdentifiers: string[];
  types: Record<string, FieldType>;
}

const TEMP_TABLES = ['provenance_fields', 'member_ranks', 'member_cells', 'member_contributions', 'group_conflicts'];

/** The positions (1-based) of a list's filled cells, as SQL. */
const filledPositions = (cells: string) => `list_transform(list_filter(list_zip(${cells}, range(1, len(${cells}) + 1)), lambda t: t[1] IS NOT NULL), lambda t: t[2]::INTEGER)`;

/**
 * Writes the provenance file from the merge's tables: `rows` (each duplicate's cells and label),
 * `merged` (with its members' ids in policy order and its filled and conflicting positions),
 * `member_evidence`, `flagged_groups`, `duplicates` and `keyed`. Linear in the duplicates' cells, and
 * only the few positions a merge filled or found conflicting are looked at cell by cell: the first
 * member in policy order gives every value it has; the others only what they filled in.
 */
export async function writeProvenance(db: DuckDBConnection, { output, fields, strongIdentifiers, types }: ProvenanceInput): Promise<void> {
  await db.run('CREATE TEMP TABLE provenance_fields (cells VARCHAR[])');
  // A parameter rather than a literal: a wide file's names would make a query of megabytes.
  await db.run('INSERT INTO provenance_fields VALUES ($1)', [listValue(fields)], [LIST(VARCHAR)]);
  await db.run(`CREATE TEMP TABLE member_ranks AS SELECT r.label, r.record_id, r.file_index, r.row_in_file, r.cells, list_position(m.ids, r.record_id) AS rank,
      list_distinct(list_concat(m.filled_positions, m.conflict_positions)) AS positions
    FROM rows r JOIN merged m ON m.label = r.label`);
  await db.run(`CREATE TEMP TABLE member_cells AS SELECT label, record_id, rank, position, value FROM (
      SELECT label, record_id, rank, unnest(positions) AS position, unnest(list_select(cells, positions)) AS value FROM member_ranks WHERE len(positions) > 0)
    WHERE value IS NOT NULL`);
  // A surviving cell is the first filled one in policy order (see the fold in merge-records).
  await db.run(`CREATE TEMP TABLE member_contributions AS SELECT record_id, list(position ORDER BY position) AS contributed
    FROM (SELECT arg_min(record_id, rank) AS record_id, min(rank) AS rank, position FROM member_cells GROUP BY label, position) WHERE rank > 1 GROUP BY record_id`);
  // A strong identifier's values conflict as flagging saw them: normalised per the field's type.
  const strongCases = strongIdentifiers
    .filter((name) => fields.includes(name))
    .map((name) => `WHEN ${fields.indexOf(name) + 1} THEN count(DISTINCT ${normalisedValue(types[name])('value')}) > 1`);
  const strong = strongCases.length ? `CASE position ${strongCases.join(' ')} ELSE false END` : 'false';
  await db.run(`CREATE TEMP TABLE group_conflicts AS SELECT label, list({'position': position, 'values': distinct_values, 'strong': strong} ORDER BY position) AS conflicts
    FROM (SELECT label, position, list_sort(list(DISTINCT value)) AS distinct_values, ${strong} AS strong
      FROM member_cells GROUP BY label, position HAVING min(value) <> max(value))
    GROUP BY label`);
  const kind = (name: keyof typeof PROVENANCE_KINDS) => `${sqlLiteral(PROVENANCE_KINDS[name])} AS kind`;
  const fieldsRow = `SELECT ${kind('fields')}, cells FROM provenance_fields`;
  const groups = `SELECT ${kind('group')}, ${clusterIdSql('g.label')} AS cluster_id, ${fileOfRecordSql('g.label')} AS file, ${lineOfRecordSql('g.label')} AS line,
      g.size, g.certainty, f.label IS NOT NULL AS flagged, g.corrected, m.cells, coalesce(c.conflicts, []) AS conflicts
    FROM (SELECT label, count(*)::INTEGER AS size, min(certainty)::DOUBLE AS certainty, bool_or(corrected) AS corrected FROM ${MEMBER_EVIDENCE_TABLE} GROUP BY label) g
    JOIN merged m ON m.label = g.label LEFT JOIN group_conflicts c ON c.label = g.label LEFT JOIN ${FLAGGED_GROUPS_TABLE} f ON f.label = g.label`;
  const members = `SELECT ${kind('record')}, ${clusterIdSql('r.label')} AS cluster_id, r.file_index::INTEGER AS file, r.row_in_file AS line,
      e.reason, e.matched_on, e.probability::DOUBLE AS probability, r.rank = 1 AS survivor,
      CASE WHEN r.rank = 1 THEN ${filledPositions('r.cells')} ELSE coalesce(c.contributed, []) END AS contributed, r.cells
    FROM member_ranks r JOIN ${MEMBER_EVIDENCE_TABLE} e ON e.record_id = r.record_id LEFT JOIN member_contributions c ON c.record_id = r.record_id`;
  // A record alone is its own cluster (c-<file>-<line>, which needs no storing) and survives as it is.
  const alone = `SELECT ${kind('record')}, k.file_index::INTEGER AS file, k.row_in_file AS line, true AS survivor
    FROM keyed k ANTI JOIN duplicates d ON d.record_id = k.record_id`;
  // Snappy (DuckDB's default): zstd halved the file but doubled the time to write it.
  await db.run(`COPY (${[fieldsRow, groups, members, alone].join(' UNION ALL BY NAME ')}) TO ${sqlLiteral(output)} (FORMAT PARQUET)`);
  for (const table of TEMP_TABLES) await db.run(`DROP TABLE ${table}`);
}
