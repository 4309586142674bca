import type { DatasetDefinition } from '../dataset-definition';

/** Seed 004: one reading of one sensor. */
export const sensorReadingsDataset: DatasetDefinition = {
  name: 'sensor_readings',
  label: 'Sensor readings',
  fields: [
    {
      name: 'sensor_id',
      type: 'string',
      required: true,
      synonyms: ['sensor', 'sensor name', 'device', 'device id', 'sensor id', 'device name', 'node id', 'station id', 'thing name'],
    },
    {
      name: 'timestamp',
      type: 'datetime',
      required: true,
      synonyms: ['time', 'datetime', 'date time', 'ts', 'recorded at', 'reading time', 'created at', 'measured at', 'sample time', 'observation time', 'event time', 'date'],
    },
    { name: 'value', type: 'decimal', required: true, synonyms: ['reading', 'measurement', 'val', 'reading value', 'measured value', 'sensor value', 'measurement value'] },
  ],
  metrics: {
    dateField: 'timestamp',
    dimensions: ['sensor_id'],
    metrics: [
      { name: 'readings', label: 'Readings', op: 'count' },
      { name: 'avg_value', label: 'Average value', op: 'avg', field: 'value' },
      { name: 'min_value', label: 'Minimum value', op: 'min', field: 'value' },
      { name: 'max_value', label: 'Maximum value', op: 'max', field: 'value' },
      { name: 'sensors', label: 'Sensors reporting', op: 'count_distinct', field: 'sensor_id' },
    ],
  },
};
