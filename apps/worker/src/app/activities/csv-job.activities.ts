import type { CsvJobActivities, InboxActivities, OutputRebuildActivities } from '@sluice/temporal';

import type { ActivityDeps } from './activity-deps';
import { buildResults } from './build-results.activity';
import { deliverBatch } from './delivery/deliver-batch.activity';
import { applyDeliveryRate, finishDelivery } from './delivery/delivery-bookkeeping.activities';
import { redeliverFailed } from './delivery/redeliver-failed.activity';
import { claimInbox } from './claim-inbox.activity';
import { detectFileDataset } from './detect-file-dataset.activity';
import { expireJob, finalize, markProcessing } from './job-bookkeeping.activities';
import { loadMergeCorrections, planOutputRebuild, recordFailedRebuild, recordRebuiltOutput } from './output-rebuild.activities';
import { parseAndValidate } from './parse-and-validate.activity';
import { retiredActivities } from './retired-activities';
import { withUserFacingErrors } from './user-facing-errors';

/** Binds every activity of the csvJob, inboxJob and rebuildJobOutputWorkflow workflows to the worker's Postgres, S3 and webhook clients. */
export function createCsvJobActivities(deps: ActivityDeps): CsvJobActivities & InboxActivities & OutputRebuildActivities & typeof retiredActivities {
  return withUserFacingErrors({
    ...retiredActivities,
    claimInbox: (input) => claimInbox(deps, input),
    markProcessing: (input) => markProcessing(deps, input),
    parseAndValidate: (input) => parseAndValidate(deps, input),
    buildResults: (input) => buildResults(deps, input),
    deliverBatch: (input) => deliverBatch(deps, input),
    redeliverFailed: (input) => redeliverFailed(deps, input),
    applyDeliveryRate: (input) => applyDeliveryRate(deps, input),
    finishDelivery: (input) => finishDelivery(deps, input),
    finalize: (input) => finalize(deps, input),
    expireJob: (input) => expireJob(deps, input),
    detectFileDataset: (input) => detectFileDataset(deps, input),
    loadMergeCorrections: (input) => loadMergeCorrections(deps, input),
    planOutputRebuild: (input) => planOutputRebuild(deps, input),
    recordRebuiltOutput: (input) => recordRebuiltOutput(deps, input),
    recordFailedRebuild: (input) => recordFailedRebuild(deps, input),
  });
}
