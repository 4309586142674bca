import type { DatasetDefinition } from '../dataset-definition';

/** Seed 004: one reading of one sensor. */
export const sensorReadingsDataset: DatasetDefinition = {
  name: 'sensor_readings',
  label: 'Sensor readings',
  fields: [
    { name: 'sensor_id', type: 'string', required: true, synonyms: ['sensor', 'sensor name', 'device', 'device id'] },
    { name: 'timestamp', type: 'datetime', required: true, synonyms: ['time', 'datetime', 'date time', 'ts', 'recorded at', 'reading time'] },
    { name: 'value', type: 'decimal', required: true, synonyms: ['reading', 'measurement', 'val'] },
  ],
};
