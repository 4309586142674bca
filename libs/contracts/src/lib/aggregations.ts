/** Aggregations of the `sensor_readings` dataset, as seed 004 names them. */
export interface SensorAggregations {
  row_count: number;
  min_value: number | null;
  max_value: number | null;
  /** Readings per sensor; at most SENSORS_LISTED sensors, those with the most readings. */
  per_sensor_count: Record<string, number>;
  /** How many sensors there were, when more than per_sensor_count lists. */
  sensors_total?: number;
}

/**
 * Sensors per_sensor_count lists at most: a job's outcome travels through Temporal, whose payloads
 * are limited to 2 MB, and a table of a million sensors helps nobody on a job page.
 */
export const SENSORS_LISTED = 1000;

export type JobAggregations = SensorAggregations;
