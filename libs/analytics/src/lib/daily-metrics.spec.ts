import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { localDay } from '@sluice/core';

import type { FieldType, MetricsConfig } from '@sluice/contracts';

import { readCsvHeader } from './csv-files';
import type { DailyMetrics } from './daily-metrics';
import { distinctKeyOf } from './distinct-key';
import { buildJobResults } from './job-results';

describe('computeDailyMetrics', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sluice-metrics-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Metrics are measured while the results are built, from the same rows: a result CSV goes through as one staged file.
  async function computeDailyMetrics({ file, types, config }: { file: string; types: Record<string, FieldType>; config: MetricsConfig }): Promise<DailyMetrics> {
    const fields = (await readCsvHeader(file)) ?? [];
    const { daily } = await buildJobResults({ scratch: dir, source: { kind: 'dataset', rows: { files: [file], fields, types } }, types, metrics: config, records: false });
    return daily as DailyMetrics;
  }

  const csv = (lines: string[]) => {
    const path = join(dir, 'result.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };

  it('keeps per-day parts of each metric, in total and per dimension value', async () => {
    const file = csv([
      'email,domain,date_sent,open_count',
      'a@x.com,x.com,2026-01-05,2',
      'b@x.com,x.com,2026-01-05,',
      'a@x.com,,2026-01-05,3',
      'c@y.com,y.com,2026-01-06,1',
      'd@y.com,y.com,,9',
    ]);
    const { rows, rowCount, rowsWithoutDate } = await computeDailyMetrics({
      file,
      types: { email: 'email', domain: 'domain', date_sent: 'date', open_count: 'int' },
      config: {
        dateField: 'date_sent',
        dimensions: ['domain'],
        metrics: [
          { name: 'sends', op: 'count' },
          { name: 'opens', op: 'sum', field: 'open_count' },
          { name: 'contacts', op: 'count_distinct', field: 'email' },
          { name: 'rate', ratio: { numerator: 'opens', denominator: 'sends' } },
        ],
      },
    });
    expect({ rowCount, rowsWithoutDate }).toEqual({ rowCount: 5, rowsWithoutDate: 1 });
    const find = (day: string, metric: string, dimension = '', dimensionValue = '') =>
      rows.find((r) => r.day === day && r.metric === metric && r.dimension === dimension && r.dimensionValue === dimensionValue);
    expect(find('2026-01-05', 'sends')).toMatchObject({ count: 3 });
    expect(find('2026-01-05', 'opens')).toMatchObject({ sum: 5, count: 2, min: 2, max: 3 });
    expect(find('2026-01-05', 'contacts')?.distinctKeys?.sort()).toEqual([distinctKeyOf('a@x.com'), distinctKeyOf('b@x.com')].sort());
    expect(find('2026-01-05', 'sends', 'domain', 'x.com')).toMatchObject({ count: 2 });
    expect(find('2026-01-05', 'sends', 'domain', '(none)')).toMatchObject({ count: 1 });
    expect(find('2026-01-06', 'opens', 'domain', 'y.com')).toMatchObject({ sum: 1 });
    expect(rows.some((r) => r.metric === 'rate')).toBe(false); // ratios are folded at query time from their parts
  });

  it('puts timestamps on the calendar day of the configured zone, as localDay does', async () => {
    const instants = ['2026-03-01T23:30:00.000Z', '2026-03-02T03:00:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T03:59:00.000Z'];
    const file = csv(['sensor_id,timestamp,value', ...instants.map((t, i) => `s1,${t},${i}`)]);
    for (const timeZone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const { rows } = await computeDailyMetrics({
        file,
        types: { sensor_id: 'string', timestamp: 'datetime', value: 'decimal' },
        config: { dateField: 'timestamp', timeZone, dimensions: [], metrics: [{ name: 'readings', op: 'count' }] },
      });
      const expected: Record<string, number> = {};
      for (const t of instants) expected[localDay(new Date(t), timeZone)] = (expected[localDay(new Date(t), timeZone)] ?? 0) + 1;
      expect(Object.fromEntries(rows.map((r) => [r.day, r.count]))).toEqual(expected);
    }
  });

  it('reads only what it measures from a wide result with a huge cell', async () => {
    const kept = Array.from({ length: 20_000 }, (_, i) => `kept_${i}`);
    const file = csv([
      ['day', 'amount', ...kept].join(','),
      ['2026-01-05', '2', ...kept.map(() => 'z')].join(','),
      `2026-01-05,3,"${'q'.repeat(5 * 1024 * 1024)}"${','.repeat(kept.length - 1)}`,
    ]);
    const { rows, rowCount } = await computeDailyMetrics({
      file,
      types: { day: 'date', amount: 'int' },
      config: { dateField: 'day', dimensions: [], metrics: [{ name: 'total', op: 'sum', field: 'amount' }] },
    });
    expect(rowCount).toBe(2);
    expect(rows).toEqual([expect.objectContaining({ day: '2026-01-05', metric: 'total', sum: 5, count: 2 })]);
  }, 60_000);

  it('keeps dimension values storable: NUL shown as U+FFFD, a 2 MB value cut to 200 characters', async () => {
    const file = csv(['day,who', '2026-01-05,"a\u0000b"', `2026-01-05,${'w'.repeat(2 * 1024 * 1024)}`]);
    const { rows } = await computeDailyMetrics({ file, types: { day: 'date' }, config: { dateField: 'day', dimensions: ['who'], metrics: [{ name: 'n', op: 'count' }] } });
    expect(rows.map((r) => r.dimensionValue)).toEqual(['', 'a\uFFFDb', `${'w'.repeat(199)}…`]);
  });
});
