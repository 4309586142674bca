import type { SensorAggregations } from '@sluice/contracts';

import { sqlLiteral, withDuckDb } from './duckdb-session';

/**
 * Seed 004's aggregations over staged (already validated, normalised) sensor CSV files.
 * The files have the header sensor_id,timestamp,value.
 */
export async function aggregateSensorReadings(files: string[]): Promise<SensorAggregations> {
  if (files.length === 0) return { row_count: 0, min_value: null, max_value: null, per_sensor_count: {} };
  return withDuckDb(async (db) => {
    const source = `read_csv([${files.map(sqlLiteral).join(', ')}], header = true, auto_detect = false,
      columns = {'sensor_id': 'VARCHAR', 'timestamp': 'VARCHAR', 'value': 'DOUBLE'})`;
    await db.run(`CREATE TEMP TABLE readings AS SELECT * FROM ${source}`);
    const totals = await db.runAndReadAll(
      'SELECT count(*)::BIGINT AS row_count, min(value) AS min_value, max(value) AS max_value FROM readings',
    );
    const [rowCount, minValue, maxValue] = totals.getRows()[0];
    const perSensor = await db.runAndReadAll(
      'SELECT sensor_id, count(*)::BIGINT FROM readings GROUP BY sensor_id ORDER BY sensor_id',
    );
    const per_sensor_count: Record<string, number> = {};
    for (const [sensor, count] of perSensor.getRows()) per_sensor_count[String(sensor)] = Number(count);
    return {
      row_count: Number(rowCount),
      min_value: minValue === null ? null : Number(minValue),
      max_value: maxValue === null ? null : Number(maxValue),
      per_sensor_count,
    };
  });
}
