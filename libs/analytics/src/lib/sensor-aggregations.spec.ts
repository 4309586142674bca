import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SENSORS_LISTED } from '@sluice/contracts';

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

  it('lists the sensors with the most readings when there are more than a job page (and a Temporal payload) can hold', async () => {
    const rows = Array.from({ length: SENSORS_LISTED + 500 }, (_, i) => `s-${i},2024-01-01T00:00:00.000Z,1`);
    rows.push('s-7,2024-01-02T00:00:00.000Z,2', 's-7,2024-01-03T00:00:00.000Z,3');
    const result = await aggregateSensorReadings([staged('many.csv', rows)]);
    expect(result.row_count).toBe(SENSORS_LISTED + 502);
    expect(result.sensors_total).toBe(SENSORS_LISTED + 500);
    expect(Object.keys(result.per_sensor_count)).toHaveLength(SENSORS_LISTED);
    expect(result.per_sensor_count['s-7']).toBe(3);
  });
});
