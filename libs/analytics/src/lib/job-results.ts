import { join } from 'node:path';

import type { FieldType, JobAggregations, JoinStep, MergeCorrection, MergeStatsView, MetricsConfig } from '@sluice/contracts';

import type { DailyMetrics } from './daily-metrics';
import { computeDailyMetrics } from './daily-metrics';
import { type DuckDbResources, withDuckDb } from './duckdb-session';
import { summarizeJob } from './job-summary';
import { joinPipeline } from './join-pipeline';
import { MEASURED_TABLE, MeasuredRows, measuredNames } from './measured-rows';
import { MergeDedupe, mergeRecords } from './merge-records';
import type { RecordBatches } from './record-batches';

/** One dataset's part of a job: its staged CSVs in upload order, merged on `fields`. */
export interface DatasetRows {
  files: string[];
  /** Each staged file's number in the job (upload order, from 0); its place in `files` when absent. */
  fileNumbers?: number[];
  fields: string[];
  dedupe?: MergeDedupe;
  types: Record<string, FieldType>;
}

export interface JobResultsInput {
  /** A folder the result files are written to. */
  scratch: string;
  /** A dataset job's rows, or a pipeline's datasets joined onto its base. */
  source: { kind: 'dataset'; rows: DatasetRows } | { kind: 'pipeline'; base: string; joins: JoinStep[]; datasets: Record<string, DatasetRows> };
  /** Every result column's type (a pipeline's: its base's and joined columns'). */
  types: Record<string, FieldType>;
  /** What the source measures; null when nothing. */
  metrics: MetricsConfig | null;
  /** Also write the records as JSON lines for webhook delivery. */
  records: boolean;
  /** A dataset job's merge corrections, applied in order (see mergeRecords). */
  corrections?: MergeCorrection[];
  /** Write `provenance.parquet` (who was merged with whom, and why) for a dataset job that de-duplicates. */
  provenance?: boolean;
  /** Add `_cluster_id` and `_source_lines` columns to clean.csv (a dataset job). */
  provenanceColumns?: boolean;
  /** What the session may take of the worker (see DuckDbResources); the defaults when absent. */
  resources?: DuckDbResources;
}

export interface BuiltResults {
  merge: MergeStatsView;
  /** The result for download, formula-like cells neutralised. */
  cleanFile: string;
  /** The records as JSON lines (values as they are), and their delivery batches. */
  records: (RecordBatches & { file: string }) | null;
  daily: DailyMetrics | null;
  aggregations: JobAggregations | null;
  /** The merge's provenance (see readMergeGroups); null when none was asked for or nothing was de-duplicated. */
  provenanceFile: string | null;
}

/**
 * A job's results in one DuckDB session, from its staged files: merged and de-duplicated (a pipeline's
 * datasets each, then joined), written as `clean.csv` (escaped only there) and as records with their
 * delivery batches, and measured — daily metric parts and the job page's aggregations — from the
 * same rows' unescaped values.
 */
export async function buildJobResults({ scratch, source, types, metrics, records, corrections, provenance, provenanceColumns, resources }: JobResultsInput): Promise<BuiltResults> {
  const cleanFile = join(scratch, 'clean.csv');
  const recordsFile = join(scratch, 'records.ndjson');
  const measure = metrics ? measuredNames(metrics) : undefined;
  const outputs = { records: records ? { output: recordsFile, types } : undefined, measure };
  const provenanceFile = provenance && source.kind === 'dataset' && source.rows.dedupe ? join(scratch, 'provenance.parquet') : null;
  return withDuckDb(async (db) => {
    let merge: MergeStatsView;
    let batches: RecordBatches | undefined;
    if (source.kind === 'dataset') {
      const { files, fileNumbers, fields, dedupe, types: fieldTypes } = source.rows;
      const merged = await mergeRecords(db, {
        files,
        fileNumbers,
        fields,
        types: fieldTypes,
        dedupe,
        corrections,
        output: cleanFile,
        ...outputs,
        ...(provenanceFile ? { provenance: { output: provenanceFile } } : {}),
        provenanceColumns,
      });
      merge = merged.stats;
      batches = merged.records;
    } else {
      // Each dataset's merge is written unescaped: the join reads it back, and values must reach records and metrics as they are.
      const files: Record<string, string> = {};
      merge = { rowsIn: 0, rowsOut: 0, duplicatesRemoved: 0, fieldsMerged: 0, conflicts: 0, groups: 0, flaggedGroups: 0 };
      for (const [name, { files: staged, fileNumbers, fields, dedupe, types: fieldTypes }] of Object.entries(source.datasets)) {
        if (staged.length === 0) continue;
        files[name] = join(scratch, `merged-${Object.keys(files).length}.csv`);
        const { stats } = await mergeRecords(db, { files: staged, fileNumbers, fields, types: fieldTypes, dedupe, output: files[name], escape: false });
        merge.rowsIn += stats.rowsIn;
        merge.duplicatesRemoved += stats.duplicatesRemoved;
        merge.fieldsMerged += stats.fieldsMerged;
        merge.conflicts += stats.conflicts;
        merge.groups = (merge.groups ?? 0) + (stats.groups ?? 0);
        merge.flaggedGroups = (merge.flaggedGroups ?? 0) + (stats.flaggedGroups ?? 0);
      }
      const fieldTypes = Object.fromEntries(Object.entries(source.datasets).map(([name, rows]) => [name, rows.types]));
      const joined = await joinPipeline(db, { base: source.base, joins: source.joins, files, fieldTypes, output: cleanFile, ...outputs });
      merge = { ...merge, rowsOut: joined.stats.rowsOut, matched: joined.stats.matched };
      batches = joined.records;
    }
    const measured: MeasuredRows | null = measure ? { table: MEASURED_TABLE, names: measure } : null;
    return {
      merge,
      cleanFile,
      records: batches ? { ...batches, file: recordsFile } : null,
      daily: metrics && measured ? await computeDailyMetrics(db, { rows: measured, types, config: metrics }) : null,
      aggregations: metrics && measured ? await summarizeJob(db, measured, metrics) : null,
      provenanceFile,
    };
  }, resources);
}
