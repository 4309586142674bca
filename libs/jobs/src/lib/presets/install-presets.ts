import { PRESET_DATASETS, PRESET_PIPELINES } from '@sluice/core';
import type { DatasetsRepository, PipelinesRepository } from '@sluice/db';

export interface InstallPresetsDeps {
  datasets: Pick<DatasetsRepository, 'installPreset'>;
  pipelines: Pick<PipelinesRepository, 'installPreset'>;
}

/**
 * Gives a workspace the shipped datasets and pipelines as version 1 of its own copies, and moves a
 * preset nobody in the workspace has edited to the shipped definition when a release changes it.
 * Safe to run again: what is there already is left as it is. Datasets come first, as pipelines join them.
 */
export async function installPresets(deps: InstallPresetsDeps, workspaceId: string): Promise<void> {
  for (const preset of PRESET_DATASETS) await deps.datasets.installPreset(workspaceId, preset);
  for (const preset of PRESET_PIPELINES) await deps.pipelines.installPreset(workspaceId, preset);
}
