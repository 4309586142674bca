import { BAD_INPUT_ERROR } from '@sluice/contracts';
import { FileRejection } from '@sluice/core';
import { isMissingObject } from '@sluice/storage';
import { ApplicationFailure } from '@temporalio/activity';
import { CsvError } from 'csv-parse';

/** csv-parse's complaint as a sentence: where in the file, and how to fix it (never the value itself: it may be huge). */
export function csvProblem(error: CsvError): string {
  const { lines, column } = error as CsvError & { lines?: number; column?: number | string };
  const line = typeof lines === 'number' ? `line ${lines}` : 'a line';
  const where = typeof column === 'number' ? `${line}, column ${column + 1}` : line;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted value is never closed: the file ends inside it (at ${line}). Add the missing closing quote (") or remove the stray one`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `on ${line}, a quoted value goes on after its closing quote. Quote the whole value and write a quote inside it as two quotes ("")`;
    case 'INVALID_OPENING_QUOTE':
      return `on ${where}, a quote (") appears inside a value that does not start with one. Quote the whole value and write the quote inside it as two quotes ("")`;
    case 'CSV_MAX_RECORD_SIZE':
      return `the row on ${line} is larger than Sluice reads. Split very large cells or rows`;
    default:
      return `the CSV is malformed at ${where}. Check the quotes and separators there`;
  }
}

/** csv-parse's errors, also from its other builds (csv-parse/sync), where `instanceof` does not hold. */
function isCsvError(error: unknown): error is CsvError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof CsvError || (error instanceof Error && typeof code === 'string' && /^(CSV_|INVALID_OPENING_QUOTE$)/.test(code));
}

/** Errors that say the file itself is unusable become non-retryable failures; others are left to retry. */
export function asBadInput(error: unknown): unknown {
  if (error instanceof FileRejection) return ApplicationFailure.nonRetryable(error.message, BAD_INPUT_ERROR);
  // S3 is strongly consistent: an object missing now will not appear on a retry.
  if (isMissingObject(error)) {
    return ApplicationFailure.nonRetryable('The uploaded file is missing from storage (deleted or expired)', BAD_INPUT_ERROR);
  }
  if (isCsvError(error)) {
    return ApplicationFailure.nonRetryable(`File could not be parsed as CSV: ${csvProblem(error)}`, BAD_INPUT_ERROR);
  }
  return error;
}
