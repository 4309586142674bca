// Sluice's side of dedupe.bench.ts: which records end up in the same group. Until the engine's
// any-key clustering and mergeRecords' provenance land, the groups are made here, set-based in DuckDB,
// by stand-ins that follow the issue's rules; after integration `sluiceClusters` becomes a call to
// mergeRecords (provenanceColumns → `_cluster_id` / `_source_lines`), the rest of the bench unchanged.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DedupeConfig } from '@sluice/contracts';

import { sqlLiteral } from '../../libs/analytics/src/lib/duckdb-session';
import { ProbabilisticModel, scoreProbabilisticLinks } from '../../libs/analytics/src/lib/dedupe/probabilistic-links';

const norm = (expression: string) => `nullif(trim(regexp_replace(lower(${expression}), '[^a-z0-9]+', ' ', 'g')), '')`;

/** TEMP TABLE bench_records(record_id, cells): a CSV's rows (record_id = 1, 2, … in file order), `fields`' cells in order. */
export async function loadRecords(db: DuckDBConnection, csv: string, fields: string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_records AS SELECT row_number() OVER () AS record_id,
    [${fields.map((f) => `nullif(trim("${f}"), '')`).join(', ')}]::VARCHAR[] AS cells
    FROM read_csv(${sqlLiteral(csv)}, header = true, all_varchar = true)`);
}

/** TEMP TABLE bench_clusters(record_id, cluster): connected components of bench_links(a, b), by min-label propagation with pointer jumping. */
export async function connectedComponents(db: DuckDBConnection): Promise<number> {
  await db.run('CREATE OR REPLACE TEMP TABLE bench_edges AS SELECT a, b FROM bench_links UNION ALL SELECT b, a FROM bench_links');
  await db.run('CREATE OR REPLACE TEMP TABLE bench_clusters AS SELECT record_id, record_id AS cluster FROM bench_records');
  for (let round = 1; ; round += 1) {
    await db.run(`CREATE OR REPLACE TEMP TABLE bench_next AS SELECT c.record_id, least(c.cluster, coalesce(min(n.cluster), c.cluster)) AS cluster
      FROM bench_clusters c LEFT JOIN bench_edges e ON e.a = c.record_id LEFT JOIN bench_clusters n ON n.record_id = e.b GROUP BY c.record_id, c.cluster`);
    // A record takes its label's label: chains halve each round instead of shrinking by one.
    await db.run(`CREATE OR REPLACE TEMP TABLE bench_next AS SELECT x.record_id, least(x.cluster, y.cluster) AS cluster
      FROM bench_next x JOIN bench_next y ON y.record_id = x.cluster`);
    const changed = await db.runAndReadAll('SELECT count(*) FROM bench_next n JOIN bench_clusters c USING (record_id) WHERE n.cluster <> c.cluster');
    await db.run('CREATE OR REPLACE TEMP TABLE bench_clusters AS FROM bench_next');
    if (Number(changed.getRows()[0][0]) === 0) return round;
  }
}

/** Rules mode with any-key and a confirmed fuzzy name (issue 15 items 1 and 3), as links in bench_links. */
async function ruleLinks(db: DuckDBConnection, fields: string[], dedupe: DedupeConfig): Promise<void> {
  const cell = (field: string) => norm(`cells[${fields.indexOf(field) + 1}]`);
  const keyLinks = dedupe.keys.map((key) => {
    const values = key.map(cell);
    return `SELECT min(record_id) OVER (PARTITION BY ${values.join(', ')}) AS a, record_id AS b FROM bench_records WHERE ${values.map((v) => `${v} IS NOT NULL`).join(' AND ')}`;
  });
  const parts = [...keyLinks];
  const fuzzy = dedupe.fuzzy;
  if (fuzzy) {
    const confirm = fuzzy.confirmBy ?? [...new Set(dedupe.keys.flat())].filter((f) => f !== fuzzy.field && f !== fuzzy.blockBy);
    const block = fuzzy.blockBy ? cell(fuzzy.blockBy) : `left(${cell(fuzzy.field)}, 3)`;
    await db.run(`CREATE OR REPLACE TEMP TABLE bench_fuzzy AS SELECT record_id, ${cell(fuzzy.field)} AS name, ${block} AS block,
      [${confirm.map(cell).join(', ')}] AS confirm FROM bench_records`);
    parts.push(`SELECT x.record_id AS a, y.record_id AS b FROM bench_fuzzy x JOIN bench_fuzzy y ON x.block = y.block AND x.record_id < y.record_id
      WHERE jaro_winkler_similarity(x.name, y.name) >= ${fuzzy.threshold / 100}
        AND list_bool_or(list_transform(list_zip(x.confirm, y.confirm), lambda pair: coalesce(pair[1] = pair[2], false)))`);
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE bench_links AS SELECT DISTINCT a, b FROM (${parts.join(' UNION ALL ')}) WHERE a <> b`);
}

/**
 * Groups bench_records as Sluice de-duplicates them with `dedupe`, into TEMP TABLE
 * bench_clusters(record_id, cluster); returns the probabilistic model when the mode is probabilistic.
 */
export async function sluiceClusters(db: DuckDBConnection, fields: string[], dedupe: DedupeConfig): Promise<ProbabilisticModel | null> {
  let model: ProbabilisticModel | null = null;
  if (dedupe.mode === 'probabilistic' && dedupe.probabilistic) {
    model = await scoreProbabilisticLinks(db, { records: 'bench_records', fields, settings: dedupe.probabilistic });
    await db.run('CREATE OR REPLACE TEMP TABLE bench_links AS SELECT a, b FROM probabilistic_links');
  } else {
    await ruleLinks(db, fields, dedupe);
  }
  await connectedComponents(db);
  return model;
}
