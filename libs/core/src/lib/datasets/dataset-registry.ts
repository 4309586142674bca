import type { DatasetDefinition } from './dataset-definition';
import { companyDataset } from './presets/company.dataset';
import { accountsDataset, contactsDataset, emailOpensDataset, emailSendsDataset } from './presets/email-campaign.datasets';
import { peopleDataset } from './presets/people.dataset';
import { sensorReadingsDataset } from './presets/sensor-readings.dataset';
import { transactionsDataset } from './presets/transactions.dataset';

/** The presets shipped with Sluice, one per seed use case. */
export const PRESET_DATASETS: readonly DatasetDefinition[] = [
  sensorReadingsDataset,
  companyDataset,
  peopleDataset,
  emailSendsDataset,
  emailOpensDataset,
  contactsDataset,
  accountsDataset,
  transactionsDataset,
];

const datasets = new Map(PRESET_DATASETS.map((dataset) => [dataset.name, dataset]));

export function listDatasets(): DatasetDefinition[] {
  return [...datasets.values()];
}

export function findDataset(name: string): DatasetDefinition | undefined {
  return datasets.get(name);
}
