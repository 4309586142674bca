import { isJobStatus, JOB_STATUSES } from './job-status';

describe('isJobStatus', () => {
  it('accepts every declared status', () => {
    for (const status of JOB_STATUSES) expect(isJobStatus(status)).toBe(true);
  });

  it.each(['done', 'PROCESSED', '', null, 3])('rejects %p', (value) => {
    expect(isJobStatus(value)).toBe(false);
  });
});
