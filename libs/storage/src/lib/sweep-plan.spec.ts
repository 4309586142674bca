import type { JobStatus } from '@sluice/contracts';

import { planSweep, SweepInventory } from './sweep-plan';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const object = (job: number, name: string, age: number, size = 10) => ({ key: `jobs/${id(job)}/uploads/u/${name}`, size, lastModified: ago(age) });
const upload = (key: string, age: number) => ({ key, uploadId: `up-${key}`, initiated: ago(age), bytes: 8 });

function plan(partial: Partial<SweepInventory>) {
  const result = planSweep({ now: NOW, minAgeMs: HOUR, objects: [], uploads: [], jobs: [], abandonedJobIds: [], ...partial });
  return { aborted: result.abortUploads.map((u) => u.key), deleted: result.deleteObjects.map((o) => o.key), expired: result.expireJobIds };
}

describe('planSweep', () => {
  it('deletes a prefix no job owns once all of it is older than the threshold', () => {
    const old = [object(1, 'a.csv', 2 * HOUR), object(1, 'b.csv', HOUR + 1)];
    expect(plan({ objects: old }).deleted).toEqual(old.map((o) => o.key));
  });

  it('keeps a prefix no job owns while any of it is young or an upload is still adding to it', () => {
    expect(plan({ objects: [object(1, 'a.csv', 2 * HOUR), object(1, 'b.csv', HOUR - 1)] }).deleted).toEqual([]);
    const stillUploading = upload(`jobs/${id(1)}/uploads/u/c.csv`, 1000);
    expect(plan({ objects: [object(1, 'a.csv', 2 * HOUR)], uploads: [stillUploading] })).toEqual({ aborted: [], deleted: [], expired: [] });
  });

  it.each<JobStatus>(['waiting', 'processing', 'processed', 'partial', 'failed', 'no_files'])('keeps the objects of a %s job however old', (status) => {
    expect(plan({ objects: [object(1, 'a.csv', 100 * HOUR)], jobs: [{ id: id(1), status }] }).deleted).toEqual([]);
  });

  it('deletes what is left of an expired job, and of an abandoned one, which it marks expired', () => {
    const leftovers = [object(1, 'a.csv', 10), object(2, 'b.csv', 10)];
    const result = plan({
      objects: leftovers,
      jobs: [
        { id: id(1), status: 'expired' },
        { id: id(2), status: 'processed' },
      ],
      abandonedJobIds: [id(2), id(3)],
    });
    expect(result).toEqual({ aborted: [], deleted: leftovers.map((o) => o.key), expired: [id(2), id(3)] });
  });

  it('aborts old incomplete uploads, but not young ones nor those of a running job', () => {
    const orphan = upload(`jobs/${id(1)}/uploads/u/a.csv`, 2 * HOUR);
    const finished = upload(`jobs/${id(2)}/results/clean.csv`, 2 * HOUR);
    const young = upload(`jobs/${id(3)}/uploads/u/a.csv`, HOUR - 1);
    const running = upload(`jobs/${id(4)}/staged/u.csv`, 2 * HOUR);
    const jobs = [
      { id: id(2), status: 'processed' as const },
      { id: id(4), status: 'processing' as const },
    ];
    expect(plan({ uploads: [orphan, finished, young, running], jobs }).aborted).toEqual([orphan.key, finished.key]);
  });

  it('leaves keys that are not under a job id alone', () => {
    expect(
      plan({
        objects: [
          { key: 'jobs/readme.txt', size: 1, lastModified: ago(9 * HOUR) },
          { key: 'jobs/not-a-job/x.csv', size: 1, lastModified: ago(9 * HOUR) },
        ],
      }).deleted,
    ).toEqual([]);
  });

  it('counts an object without a modification time as young', () => {
    expect(plan({ objects: [{ key: `jobs/${id(1)}/x.csv`, size: 1 }] }).deleted).toEqual([]);
  });
});
