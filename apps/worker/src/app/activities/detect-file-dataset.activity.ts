import type { CsvJobFile, FileReadingOptions } from '@sluice/contracts';
import type { FileLimits } from '@sluice/core';
import { DEFAULT_FILE_LIMITS, detectDatasetStepwise, FileRejection, runInSlices, TableReader } from '@sluice/core';
import { uploadFileName } from '@sluice/storage';

import { namingItsSetting } from '../worker-config';
import type { ActivityDeps } from './activity-deps';
import { asBadInput } from './bad-input';
import { datasetsOf, loadSpec } from './job-spec';

/** The header row of an object, read as parseAndValidate reads it (same limits and options); the rest of the object is not fetched. */
async function headerRow(deps: ActivityDeps, key: string, limits: FileLimits, options: FileReadingOptions | undefined): Promise<string[]> {
  const table = new TableReader({ bytes: await deps.store.read(key), fileName: uploadFileName(key), options, limits });
  // Leaving the loop after the header destroys the stream; that is expected.
  for await (const event of table.events()) if (event.kind === 'header') return event.cells;
  return [];
}

/** Tells which of a pipeline's datasets a file is by its headers, and records it on the upload. */
export async function detectFileDataset(deps: ActivityDeps, input: { workspaceId: string; jobId: string; file: CsvJobFile }): Promise<string> {
  const spec = await loadSpec(deps, input.workspaceId, input.jobId);
  const candidates = datasetsOf(spec);
  try {
    // Before the dataset is known, only the upload's own options apply.
    const headers = await headerRow(deps, input.file.key, deps.fileLimits ?? DEFAULT_FILE_LIMITS, spec.reading);
    const guess = await runInSlices(detectDatasetStepwise(headers, candidates));
    if (!guess) {
      const names = candidates.map((d) => d.name).join(', ');
      throw new FileRejection(`Could not tell which dataset the file is (${names}) from its headers: ${headers.slice(0, 12).join(', ')}`);
    }
    await deps.db.jobs.setFileDataset(input.workspaceId, input.file.uploadId, guess.dataset);
    return guess.dataset;
  } catch (error) {
    throw asBadInput(namingItsSetting(error));
  }
}
