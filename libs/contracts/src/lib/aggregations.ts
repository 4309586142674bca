/** Aggregations of the `sensor_readings` dataset, as seed 004 names them. */
export interface SensorAggregations {
  row_count: number;
  min_value: number | null;
  max_value: number | null;
  per_sensor_count: Record<string, number>;
}

export type JobAggregations = SensorAggregations;
