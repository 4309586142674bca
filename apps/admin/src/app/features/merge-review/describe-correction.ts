import type { MergeCorrection, RecordRef } from '@sluice/contracts';

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A correction in words, naming its records by file and line. `fileNames` are the job's files in upload
 * order, which is how a correction's `file` index counts them.
 */
export function describeCorrection(correction: MergeCorrection, fileNames: readonly string[]): string {
  const name = (ref: RecordRef) => `${fileNames[ref.file] ?? `file ${ref.file + 1}`} line ${ref.line}`;
  const records = list(correction.records.map(name));
  if (correction.kind === 'join') return `Joined the groups of ${records}`;
  return correction.records.length === 1 ? `Split ${records} out to stand alone` : `Split ${records} into a group of their own`;
}
