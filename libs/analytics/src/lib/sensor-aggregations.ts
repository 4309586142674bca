import { SENSORS_LISTED, type SensorAggregations } from '@sluice/contracts';

import { positionalCsv } from './csv-files';
import { withDuckDb } from './duckdb-session';

/**
 * Seed 004's aggregations over staged (already validated, normalised) sensor CSV files.
 * The files carry sensor_id and value, and any columns the dataset keeps.
 */
export async function aggregateSensorReadings(files: string[]): Promise<SensorAggregations> {
  // Read by header name: a dataset that keeps unmapped columns stages more than these three.
  const parts: string[] = [];
  for (const file of files) {
    const csv = await positionalCsv(file);
    if (csv) parts.push(`SELECT ${csv.column('sensor_id')} AS sensor_id, TRY_CAST(${csv.column('value')} AS DOUBLE) AS value FROM ${csv.source}`);
  }
  if (parts.length === 0) return { row_count: 0, min_value: null, max_value: null, per_sensor_count: {} };
  return withDuckDb(async (db) => {
    await db.run(`CREATE TEMP TABLE readings AS ${parts.join(' UNION ALL ')}`);
    const totals = await db.runAndReadAll(
      'SELECT count(*)::BIGINT AS row_count, min(value) AS min_value, max(value) AS max_value, count(DISTINCT sensor_id)::BIGINT FROM readings',
    );
    const [rowCount, minValue, maxValue, sensors] = totals.getRows()[0];
    const perSensor = await db.runAndReadAll(
      `SELECT sensor_id, readings FROM (
        SELECT sensor_id, count(*)::BIGINT AS readings FROM readings GROUP BY sensor_id ORDER BY readings DESC, sensor_id LIMIT ${SENSORS_LISTED}
      ) ORDER BY sensor_id`,
    );
    const per_sensor_count: Record<string, number> = {};
    for (const [sensor, count] of perSensor.getRows()) per_sensor_count[String(sensor)] = Number(count);
    return {
      row_count: Number(rowCount),
      min_value: minValue === null ? null : Number(minValue),
      max_value: maxValue === null ? null : Number(maxValue),
      per_sensor_count,
      ...(Number(sensors) > SENSORS_LISTED ? { sensors_total: Number(sensors) } : {}),
    };
  });
}
