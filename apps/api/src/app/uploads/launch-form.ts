import type { LaunchRequest, ReadingRequest } from '@sluice/jobs';

/** The upload form's fields as a launch request; LaunchJob reads and checks each value. */
export function launchRequestFromForm(fields: Record<string, string>): LaunchRequest {
  const tags = fields['datasets'];
  return {
    dataset: fields['dataset'],
    pipeline: fields['pipeline'],
    // One per file, in order; an empty entry detects that file's dataset by its headers.
    fileDatasets: tags?.trim() ? tags.split(',').map((t) => t.trim()) : [],
    retentionHours: fields['retentionHours'],
    delivery: { mode: fields['mode'], webhookUrl: fields['webhookUrl'], rateLimit: fields['rateLimit'], retryDelays: fields['retryDelays'] },
    reading: readingRequestFromForm(fields),
    provenanceColumns: fields['provenanceColumns'],
  };
}

/** The reading settings among a form's fields (uploads and file previews take the same ones). */
export function readingRequestFromForm(fields: Record<string, string>): ReadingRequest {
  const { encoding, delimiter, quote, escape, headerLine, sheet, columnFields } = fields;
  return { encoding, delimiter, quote, escape, headerLine, sheet, columnFields };
}
