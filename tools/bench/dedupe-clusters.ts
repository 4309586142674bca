// Sluice's side of dedupe.bench.ts: which records end up in the same group, through the product's own
// merge (mergeRecords over a staged CSV, as a job's build runs it), read back from the `_cluster_id` and
// `_source_lines` columns the provenanceColumns option adds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';
import type { DedupeConfig } from '@sluice/contracts';

import { sqlLiteral } from '../../libs/analytics/src/lib/duckdb-session';
import type { ProbabilisticModel } from '../../libs/analytics/src/lib/dedupe/probabilistic-links';
import { mergeRecords } from '../../libs/analytics/src/lib/merge-records';
import { STAGED_LINE_COLUMN } from '../../libs/core/src/lib/validation/staged-columns';

/** TEMP TABLE bench_records(record_id, cells): a CSV's rows (record_id = 1, 2, … in file order), `fields`' cells in order. */
export async function loadRecords(db: DuckDBConnection, csv: string, fields: string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_records AS SELECT row_number() OVER () AS record_id,
    [${fields.map((f) => `nullif(trim("${f}"), '')`).join(', ')}]::VARCHAR[] AS cells
    FROM read_csv(${sqlLiteral(csv)}, header = true, all_varchar = true)`);
}

/**
 * Groups bench_records as a Sluice job de-duplicates them with `dedupe`, into TEMP TABLE
 * bench_clusters(record_id, cluster); returns the probabilistic model when the mode is probabilistic.
 * The records are staged as a job's parse step stages them (record n on line n + 1, after the header).
 */
export async function sluiceClusters(db: DuckDBConnection, fields: string[], dedupe: DedupeConfig): Promise<ProbabilisticModel | null> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-dedupe-bench-'));
  try {
    const staged = join(dir, 'staged.csv');
    const merged = join(dir, 'clean.csv');
    await db.run(`COPY (SELECT record_id + 1 AS ${STAGED_LINE_COLUMN}, ${fields.map((f, i) => `cells[${i + 1}] AS "${f}"`).join(', ')} FROM bench_records ORDER BY record_id)
      TO ${sqlLiteral(staged)} (HEADER, DELIMITER ',')`);
    const outcome = await mergeRecords(db, { files: [staged], fields, dedupe, output: merged, escape: false, provenanceColumns: true });
    await db.run(`CREATE OR REPLACE TEMP TABLE bench_clusters AS SELECT (split_part(source, ':', 2)::BIGINT - 1) AS record_id, _cluster_id AS cluster
      FROM (SELECT _cluster_id, unnest(string_split(_source_lines, ';')) AS source FROM read_csv(${sqlLiteral(merged)}, header = true, all_varchar = true))`);
    return outcome.model ?? null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
