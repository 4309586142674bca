import type { DatasetDefinition } from './dataset-definition';
import { sensorReadingsDataset } from './sensor-readings.dataset';

const datasets = new Map<string, DatasetDefinition>([[sensorReadingsDataset.name, sensorReadingsDataset]]);

export function listDatasets(): DatasetDefinition[] {
  return [...datasets.values()];
}

export function findDataset(name: string): DatasetDefinition | undefined {
  return datasets.get(name);
}
