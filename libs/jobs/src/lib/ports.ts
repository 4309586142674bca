import type { CsvJobInput } from '@sluice/contracts';

/**
 * Starts a recorded job's csvJob workflow (with the id `workflowIdForJob(input.jobId)`); the apps
 * implement it with their Temporal client.
 */
export interface WorkflowStarter {
  startCsvJob(input: CsvJobInput): Promise<void>;
}

/** Where a use case reports what it cleaned up after, or failed to; a Nest Logger is one. */
export interface UseCaseLogger {
  error(message: string): void;
}
