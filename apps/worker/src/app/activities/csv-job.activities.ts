import type { CsvJobActivities } from '@sluice/temporal';

import type { ActivityDeps } from './activity-deps';
import { aggregate } from './aggregate.activity';
import { expireJob, finalize, markProcessing } from './job-bookkeeping.activities';
import { parseAndValidate } from './parse-and-validate.activity';
import { writeResults } from './write-results.activity';

/** Binds every activity of the csvJob workflow to the worker's Postgres and S3 clients. */
export function createCsvJobActivities(deps: ActivityDeps): CsvJobActivities {
  return {
    markProcessing: (input) => markProcessing(deps, input),
    parseAndValidate: (input) => parseAndValidate(deps, input),
    aggregate: (input) => aggregate(deps, input),
    writeResults: (input) => writeResults(deps, input),
    finalize: (input) => finalize(deps, input),
    expireJob: (input) => expireJob(deps, input),
  };
}
