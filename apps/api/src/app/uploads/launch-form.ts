import type { LaunchRequest } from '@sluice/jobs';

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
  };
}
