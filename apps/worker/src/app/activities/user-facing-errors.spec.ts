import { BlockingTooWide, withDuckDb } from '@sluice/analytics';
import { BAD_INPUT_ERROR } from '@sluice/contracts';
import { FileRejection } from '@sluice/core';
import { knownDatabaseError, unknownDatabaseError } from '@sluice/db/testing';
import { ApplicationFailure, CancelledFailure } from '@temporalio/activity';
import { parse } from 'csv-parse/sync';

import { DATABASE_UNAVAILABLE, ENGINE_FAILURE, STORAGE_UNAVAILABLE, UNEXPECTED_ERROR } from './error-translation';
import { userFacingFailure, withUserFacingErrors } from './user-facing-errors';

const logged: { level: string; message: string; meta: Record<string, unknown> }[] = [];
const logger = {
  warn: (message: string, meta?: Record<string, unknown>) => void logged.push({ level: 'warn', message, meta: meta ?? {} }),
  error: (message: string, meta?: Record<string, unknown>) => void logged.push({ level: 'error', message, meta: meta ?? {} }),
};

const INTERNALS = /\b(SELECT|COPY|read_csv|FROM|INSERT)\b|Binder Error|Parser Error|\/tmp\/|\bat .+\(.+:\d+:\d+\)|prisma\.|invocation/;

function failureOf(error: unknown, activity = 'buildResults', fileName?: string): ApplicationFailure {
  const failure = userFacingFailure(error, { activity, fileName }, logger);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
}

const thrown = async (work: () => Promise<unknown>) =>
  work().then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('userFacingFailure', () => {
  beforeEach(() => (logged.length = 0));

  it('turns a DuckDB error into a sentence with a ref, logging SQL and paths under that ref', async () => {
    const error = await thrown(() => withDuckDb((db) => db.run(`SELECT * FROM read_csv('/tmp/sluice-nope/staged-0.csv')`)));
    const failure = failureOf(error);
    expect(failure.message).toMatch(/^Sluice failed while merging the files and writing the results\. This is a fault in Sluice, not in your data.* \(ref [0-9a-f]{6}\)$/);
    expect(failure.message).not.toMatch(INTERNALS);
    expect(failure).toMatchObject({ type: ENGINE_FAILURE, nonRetryable: true });
    expect(failure.stack).toBe(`ApplicationFailure: ${failure.message}`);
    const ref = /\(ref ([0-9a-f]{6})\)$/.exec(failure.message)?.[1];
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        message: `Activity buildResults failed (ref ${ref})`,
        meta: expect.objectContaining({ ref, error: expect.stringContaining('/tmp/sluice-nope/staged-0.csv') }),
      }),
    ]);
  });

  it('says what to do when storage, the database or the worker give out, and leaves those to retry', () => {
    const s3 = Object.assign(new Error('We encountered an internal error. Please try again. at https://minio/bucket/jobs/x'), {
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
      $fault: 'server',
    });
    expect(failureOf(s3, 'parseAndValidate', 'crm.csv')).toMatchObject({
      type: STORAGE_UNAVAILABLE,
      nonRetryable: false,
      message: expect.stringMatching(/^Storage \(S3\) was unavailable while reading and validating "crm\.csv"\. .* \(ref [0-9a-f]{6}\)$/),
    });
    const down = knownDatabaseError('P1001', undefined, "Can't reach database server at `127.0.0.1:5432`");
    expect(failureOf(down, 'finalize')).toMatchObject({
      type: DATABASE_UNAVAILABLE,
      nonRetryable: false,
      message: expect.stringMatching(/^The database was unavailable or busy while recording the job's outcome/),
    });
    const disk = Object.assign(new Error("ENOSPC: no space left on device, write '/tmp/sluice-job/clean.csv'"), { code: 'ENOSPC' });
    expect(failureOf(disk).message).toMatch(/^The worker ran out of disk space while merging the files/);
    expect(logged.map((entry) => entry.level)).toEqual(['warn', 'warn', 'warn']);
  });

  it('says which blocking rule is too wide, without retrying and without a ref', async () => {
    const error = await thrown(() =>
      withDuckDb(async () =>
        Promise.reject(
          new BlockingTooWide('Blocking rule 1 (country) would compare 4,999,950,000 pairs of records; all rules together may compare at most 50,000,000: block on more fields'),
        ),
      ),
    );
    const failure = failureOf(error);
    expect(failure).toMatchObject({ type: BAD_INPUT_ERROR, nonRetryable: true });
    expect(failure.message).toBe(
      "The dataset's de-duplication settings cannot be run (merging the files and writing the results): Blocking rule 1 (country) would compare 4,999,950,000 pairs of records; all rules together may compare at most 50,000,000: block on more fields",
    );
  });

  it('rejects a file whose text the database cannot store, without retrying', () => {
    const nul = unknownDatabaseError('Invalid `prisma.invalidRow.createMany()` invocation: unsupported Unicode escape sequence \\u0000 cannot be converted to text');
    const failure = failureOf(nul, 'parseAndValidate', 'nul.csv');
    expect(failure).toMatchObject({ type: BAD_INPUT_ERROR, nonRetryable: true });
    expect(failure.message).toBe('The file contains NUL characters (byte 0), which cannot be stored (reading and validating "nul.csv"). Remove them and upload again');
  });

  it('explains CSV syntax errors by line and column, without the offending value', () => {
    const unclosed = (() => {
      try {
        parse('a,b\nx,1\n"never closed,2\n');
      } catch (error) {
        return error;
      }
    })();
    expect(failureOf(unclosed, 'parseAndValidate')).toMatchObject({
      type: BAD_INPUT_ERROR,
      message: 'File could not be parsed as CSV: a quoted value is never closed: the file ends inside it (at line 3). Add the missing closing quote (") or remove the stray one',
    });
    const stray = (() => {
      try {
        parse(`a,b\nx,1 and a "${'secret'.repeat(1000)}"\n`);
      } catch (error) {
        return error;
      }
    })();
    const message = failureOf(stray, 'parseAndValidate').message;
    expect(message).toBe(
      'File could not be parsed as CSV: on line 2, column 2, a quote (") appears inside a value that does not start with one. Quote the whole value and write the quote inside it as two quotes ("")',
    );
  });

  it('passes failures Sluice composed itself through as they are', () => {
    const bad = ApplicationFailure.nonRetryable('Missing required column(s): value', BAD_INPUT_ERROR);
    expect(userFacingFailure(bad, { activity: 'parseAndValidate' }, logger)).toBe(bad);
    const cancelled = new CancelledFailure('cancelled');
    expect(userFacingFailure(cancelled, { activity: 'deliverBatch' }, logger)).toBe(cancelled);
    expect(failureOf(new FileRejection('File is empty: expected a header row'), 'parseAndValidate')).toMatchObject({
      type: BAD_INPUT_ERROR,
      message: 'File is empty: expected a header row',
    });
    expect(logged).toEqual([]);
  });

  it('keeps bookkeeping retryable whatever the error: the workflow retries it until it lands', async () => {
    const error = await thrown(() => withDuckDb((db) => db.run('SELECT nope')));
    expect(failureOf(error, 'finalize')).toMatchObject({ nonRetryable: false });
  });

  it('says an unknown error is unexpected, with a ref, and lets it retry', () => {
    const failure = failureOf(new TypeError("Cannot read properties of undefined (reading 'map')"), 'buildResults');
    expect(failure).toMatchObject({
      type: UNEXPECTED_ERROR,
      nonRetryable: false,
      message: expect.stringMatching(/^Sluice hit an unexpected error while merging the files and writing the results\. .* \(ref [0-9a-f]{6}\)$/),
    });
  });
});

describe('withUserFacingErrors', () => {
  it('wraps every activity, naming the file from its input', async () => {
    const activities = withUserFacingErrors(
      {
        parseAndValidate: async (input: { file: { key: string } }) => {
          throw Object.assign(new Error(`read ECONNRESET ${input.file.key}`), { code: 'ECONNRESET' });
        },
        markProcessing: async (input: { jobId: string }) => input.jobId,
      },
      logger,
    );
    await expect(activities.markProcessing({ jobId: 'j1' })).resolves.toBe('j1');
    const failure = (await thrown(() => activities.parseAndValidate({ file: { key: 'jobs/j1/uploads/u1/Week_1.csv' } }))) as ApplicationFailure;
    expect(failure.message).toMatch(/^A service Sluice depends on \(storage or the database\) did not answer while reading and validating "Week_1\.csv"/);
    expect(failure.message).not.toContain('jobs/j1');
  });
});
