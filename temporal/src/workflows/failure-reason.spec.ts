import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/common';

import { failureReason } from './failure-reason';

const failed = (activity: string, cause: Error) => new ActivityFailure('Activity task failed', activity, '1', 'MAXIMUM_ATTEMPTS_REACHED', 'worker', cause);

describe('failureReason', () => {
  it("says which step stopped when an activity times out, not Temporal's wording", () => {
    expect(failureReason(failed('buildResults', new TimeoutFailure('activity Heartbeat timeout', undefined, 'HEARTBEAT')))).toBe(
      'The worker stopped responding while merging the files and writing the results (it may have crashed or been overloaded), and the retries ran out. Rerun the job; if it keeps happening, split the files into smaller ones',
    );
    expect(failureReason(failed('parseAndValidate', new TimeoutFailure('activity StartToClose timeout', undefined, 'START_TO_CLOSE')))).toBe(
      'Reading and validating a file took longer than allowed and was stopped. Split the files into smaller ones, or rerun the job',
    );
  });

  it("explains the server's refusal of a result over its size limit", () => {
    expect(failureReason(failed('parseAndValidate', ApplicationFailure.create({ message: 'Complete result exceeds size limit.' })))).toMatch(
      /^The outcome of reading and validating a file is larger than Sluice can pass between steps/,
    );
  });

  it('passes the sentence an activity failed with', () => {
    expect(failureReason(failed('parseAndValidate', ApplicationFailure.nonRetryable('File is empty: expected a header row', 'BadInput')))).toBe(
      'File is empty: expected a header row',
    );
  });
});
