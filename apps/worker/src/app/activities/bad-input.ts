import { BAD_INPUT_ERROR } from '@sluice/contracts';
import { FileRejection } from '@sluice/core';
import { ApplicationFailure } from '@temporalio/activity';
import { CsvError } from 'csv-parse';

/** Errors that say the file itself is unusable become non-retryable failures; others are left to retry. */
export function asBadInput(error: unknown): unknown {
  if (error instanceof FileRejection) return ApplicationFailure.nonRetryable(error.message, BAD_INPUT_ERROR);
  // S3 is strongly consistent: an object missing now will not appear on a retry.
  if ((error as { name?: string } | null)?.name === 'NoSuchKey') {
    return ApplicationFailure.nonRetryable('The uploaded file is missing from storage (deleted or expired)', BAD_INPUT_ERROR);
  }
  if (error instanceof CsvError) {
    return ApplicationFailure.nonRetryable(`File could not be parsed as CSV: ${error.message}`, BAD_INPUT_ERROR);
  }
  return error;
}
