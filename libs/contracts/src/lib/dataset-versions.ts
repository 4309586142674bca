import type { DatasetDefinition } from './dataset-definition';

export interface VersionedDataset {
  version: number;
  definition: DatasetDefinition;
}

export interface DatasetVersionSummary {
  version: number;
  /** Why the version exists: "preset", "update", "restore of v2", "import". */
  origin: string;
  createdAt: string;
  current: boolean;
}
