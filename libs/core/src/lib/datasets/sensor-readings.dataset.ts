import type { DatasetDefinition } from './dataset-definition';

/** Seed 004: one reading of one sensor. */
export const sensorReadingsDataset: DatasetDefinition = {
  name: 'sensor_readings',
  label: 'Sensor readings',
  fields: [
    { name: 'sensor_id', type: 'string', required: true },
    { name: 'timestamp', type: 'datetime', required: true },
    { name: 'value', type: 'decimal', required: true },
  ],
};
