import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { aggregateSensorReadings } from './sensor-aggregations';

describe('aggregateSensorReadings', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-agg-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function staged(name: string, rows: string[]): string {
    const file = join(dir, name);
    writeFileSync(file, ['sensor_id,timestamp,value', ...rows].join('\n') + '\n');
    return file;
  }

  it('counts, takes min and max, and counts per sensor across files', async () => {
    const first = staged("it's-a.csv", ['a,2024-01-01T00:00:00.000Z,1.5', 'b,2024-01-01T00:00:00.000Z,-2', '"a,b",2024-01-02T00:00:00.000Z,10']);
    const second = staged('b.csv', ['a,2024-01-03T00:00:00.000Z,4']);
    await expect(aggregateSensorReadings([first, second])).resolves.toEqual({
      row_count: 4,
      min_value: -2,
      max_value: 10,
      per_sensor_count: { a: 2, 'a,b': 1, b: 1 },
    });
  });

  it('returns empty aggregations for no files', async () => {
    await expect(aggregateSensorReadings([])).resolves.toEqual({
      row_count: 0,
      min_value: null,
      max_value: null,
      per_sensor_count: {},
    });
  });

  it('reads the columns by name when the dataset keeps unmapped ones', async () => {
    const file = join(dir, 'kept.csv');
    writeFileSync(file, 'sensor_id,timestamp,value,Room\na,2024-01-01T00:00:00.000Z,3,lab\na,2024-01-01T00:01:00.000Z,5,lab\n');
    await expect(aggregateSensorReadings([file])).resolves.toEqual({ row_count: 2, min_value: 3, max_value: 5, per_sensor_count: { a: 2 } });
  });
});
