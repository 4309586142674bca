import type { CsvJobFile, DatasetDefinition } from '@sluice/contracts';
import { detectDataset, FileRejection, headerRowOf } from '@sluice/core';

import type { ActivityDeps } from './activity-deps';
import { asBadInput } from './bad-input';

const HEADER_BYTES = 64 * 1024;

/** The header row of an object: its first CSV record, read from the first 64 KiB. */
async function headerRow(deps: ActivityDeps, key: string): Promise<string[]> {
  return headerRowOf((await deps.store.readRange(key, 0, HEADER_BYTES - 1)).toString('utf8'));
}

/** Tells which of a pipeline's datasets a file is by its headers, and records it on the upload. */
export async function detectFileDataset(deps: ActivityDeps, input: { jobId: string; file: CsvJobFile; candidates: DatasetDefinition[] }): Promise<string> {
  try {
    const headers = await headerRow(deps, input.file.key);
    const guess = detectDataset(headers, input.candidates);
    if (!guess) {
      const names = input.candidates.map((d) => d.name).join(', ');
      throw new FileRejection(`Could not tell which dataset the file is (${names}) from its headers: ${headers.slice(0, 12).join(', ')}`);
    }
    await deps.prisma.upload.update({ where: { id: input.file.uploadId }, data: { dataset: guess.dataset } });
    return guess.dataset;
  } catch (error) {
    throw asBadInput(error);
  }
}
