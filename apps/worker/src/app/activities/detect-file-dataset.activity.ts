import { pipeline } from 'node:stream/promises';

import type { CsvJobFile } from '@sluice/contracts';
import type { FileLimits } from '@sluice/core';
import { cellArray, csvRecords, DEFAULT_FILE_LIMITS, detectDatasetStepwise, FileRejection, runInSlices, StrictUtf8Decoder } from '@sluice/core';

import { namingItsSetting } from '../worker-config';
import type { ActivityDeps } from './activity-deps';
import { asBadInput } from './bad-input';
import { datasetsOf, loadSpec } from './job-spec';

/** The header row of an object, read as parseAndValidate reads it (same limits); the rest of the object is not fetched. */
async function headerRow(deps: ActivityDeps, key: string, limits: FileLimits): Promise<string[]> {
  const text = new StrictUtf8Decoder();
  const reading = pipeline(await deps.store.read(key), text);
  // Leaving the loop after the header destroys the stream; that rejection is expected.
  reading.catch(() => undefined);
  for await (const event of csvRecords(text, limits)) return event.kind === 'record' ? cellArray(event.cells) : [];
  return [];
}

/** Tells which of a pipeline's datasets a file is by its headers, and records it on the upload. */
export async function detectFileDataset(deps: ActivityDeps, input: { jobId: string; file: CsvJobFile }): Promise<string> {
  const candidates = datasetsOf(await loadSpec(deps, input.jobId));
  try {
    const headers = await headerRow(deps, input.file.key, deps.fileLimits ?? DEFAULT_FILE_LIMITS);
    const guess = await runInSlices(detectDatasetStepwise(headers, candidates));
    if (!guess) {
      const names = candidates.map((d) => d.name).join(', ');
      throw new FileRejection(`Could not tell which dataset the file is (${names}) from its headers: ${headers.slice(0, 12).join(', ')}`);
    }
    await deps.db.jobs.setFileDataset(input.file.uploadId, guess.dataset);
    return guess.dataset;
  } catch (error) {
    throw asBadInput(namingItsSetting(error));
  }
}
