import type { MergeCorrection, RecordRef } from '@sluice/contracts';

/** Records one correction may name: a reviewer splits or joins a few groups at a time. */
export const MAX_CORRECTION_RECORDS = 1000;

/** A record as a person reads it: `file 1 ("events.csv") line 3`. */
export function describeRecord(ref: RecordRef, fileNames: string[]): string {
  const name = fileNames[ref.file];
  return `file ${ref.file}${name === undefined ? '' : ` (${JSON.stringify(name)})`} line ${ref.line}`;
}

/** Records listed for a message: the first few, then how many more. */
export function describeRecords(refs: RecordRef[], fileNames: string[], shown = 5): string {
  const listed = refs.slice(0, shown).map((ref) => describeRecord(ref, fileNames));
  return refs.length > shown ? `${listed.join(', ')} and ${refs.length - shown} more` : listed.join(', ');
}

/**
 * What is wrong with a correction before any record is looked up, as a sentence; null when nothing is. `fileNames`
 * are the job's files in upload order (a record names its file by that index).
 */
export function correctionProblem(correction: MergeCorrection, fileNames: string[]): string | null {
  const { kind, records } = correction;
  if (kind === 'split' && records.length === 0) return 'A split needs at least one record: the records to take out of their group';
  if (kind === 'join' && records.length < 2) return `A join needs at least two records, one from each group to merge; it names ${records.length}`;
  if (records.length > MAX_CORRECTION_RECORDS) return `A correction names at most ${MAX_CORRECTION_RECORDS} records; this one names ${records.length}`;
  const outside = records.filter((r) => r.file >= fileNames.length);
  if (outside.length) {
    const files = fileNames.map((name, index) => `${index} = ${JSON.stringify(name)}`).join(', ');
    return `No such file: ${describeRecords(outside, fileNames)}. Records name their file by its place in the upload, from 0 (this job: ${files})`;
  }
  const seen = new Set<string>();
  for (const ref of records) {
    const key = `${ref.file}:${ref.line}`;
    if (seen.has(key)) return `The correction names ${describeRecord(ref, fileNames)} twice`;
    seen.add(key);
  }
  return null;
}
