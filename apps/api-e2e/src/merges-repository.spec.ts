import { randomUUID } from 'node:crypto';

import type { DatasetDefinition, MergeCorrection } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, workflowIdForJob } from '@sluice/contracts';
import type { MergeCorrectionsRepository } from '@sluice/db';
import { TestDatabase } from '@sluice/db/testing';

const WS = DEFAULT_WORKSPACE_ID;
const SPLIT: MergeCorrection = { kind: 'split', records: [{ file: 1, line: 3 }] };
const JOIN: MergeCorrection = {
  kind: 'join',
  records: [
    { file: 0, line: 4 },
    { file: 1, line: 4 },
  ],
};
const MERGE = { rowsIn: 6, rowsOut: 5, duplicatesRemoved: 1, fieldsMerged: 2, conflicts: 0, groups: 1, flaggedGroups: 0 };

/** MergeCorrectionsRepository against the real Postgres of the test stack: chains, claims and their transactions. */
describe('libs/db merge corrections', () => {
  let db: TestDatabase;
  let corrections: MergeCorrectionsRepository;
  let otherWorkspace: string;
  const userId = randomUUID();
  const email = `reviewer-${userId.slice(0, 8)}@example.com`;
  const jobs: string[] = [];
  const dataset: DatasetDefinition = {
    name: `mc_people_${userId.replace(/[^a-f]/g, '').slice(0, 8)}`,
    label: 'Merge corrections people',
    fields: [
      { name: 'email', type: 'email', required: false },
      { name: 'full_name', type: 'string', required: false },
    ],
    dedupe: { keys: [['email'], ['full_name']], policy: 'first' },
  };

  /** A finished job of the dataset; a rerun names its chain's first job. */
  async function finishedJob(rootJobId?: string, workspaceId = WS): Promise<string> {
    const id = randomUUID();
    await db.recordDatasetJob(
      { id, dataset: dataset.name, workflowId: workflowIdForJob(id), retentionHours: 1, files: [], ...(rootJobId ? { rerunOf: rootJobId, rootJobId } : {}) },
      workspaceId,
    );
    await db.sql`UPDATE "Job" SET status = 'processed', "finishedAt" = now() WHERE id = ${id}::uuid`;
    jobs.push(id);
    return id;
  }

  const add = (jobId: string, correction: MergeCorrection = SPLIT, options = {}) =>
    corrections.addAndClaimRebuild(WS, jobId, { id: randomUUID(), correction, createdBy: userId }, options);

  beforeAll(async () => {
    db = new TestDatabase();
    corrections = db.repositories.mergeCorrections;
    await db.sql`INSERT INTO "User" (id, email) VALUES (${userId}::uuid, ${email})`;
    otherWorkspace = await db.createWorkspace('Merges other');
    for (const workspace of [WS, otherWorkspace]) await db.repositories.datasets.save(workspace, dataset, 'test');
  });

  afterAll(async () => {
    if (!db) return;
    await db.sql`DELETE FROM "Job" WHERE id = ANY(${jobs}::uuid[])`;
    await db.sql`DELETE FROM "DatasetConfig" WHERE name = ${dataset.name}`;
    await db.sql`DELETE FROM "Workspace" WHERE id = ${otherWorkspace}::uuid`;
    await db.sql`DELETE FROM "User" WHERE id = ${userId}::uuid`;
    await db.disconnect();
  });

  it("keeps a rerun's correction under its chain's first job, with who made it, oldest first", async () => {
    const root = await finishedJob();
    const rerun = await finishedJob(root);
    const first = await add(rerun, SPLIT);
    if (!first.ok) throw new Error(`claim refused: ${first.reason}`);
    expect(first).toMatchObject({ outputVersion: 2, correction: { rootJobId: root, correction: SPLIT, createdBy: { userId, email } } });
    await corrections.finishRebuild(WS, rerun, 2, { merge: MERGE, aggregations: null });
    await add(root, JOIN);
    expect((await corrections.list(WS, root)).map((c) => c.correction)).toEqual([SPLIT, JOIN]);
    expect(await corrections.corrections(WS, root)).toEqual([SPLIT, JOIN]);
    expect(await corrections.list(WS, rerun)).toEqual([]);
  });

  it('claims the next output version with each change, and refuses a change while that rebuild runs, keeping nothing of it', async () => {
    const job = await finishedJob();
    const claimed = await add(job);
    expect(claimed).toMatchObject({ ok: true, outputVersion: 2 });
    expect((await db.repositories.jobs.detail(WS, job))?.outputRebuild).toMatchObject({ state: 'running', outputVersion: 2, error: null });
    const refused = await add(job, JOIN);
    expect(refused).toMatchObject({ ok: false, reason: 'busy', rebuildingVersion: 2 });
    expect(await corrections.corrections(WS, job)).toEqual([SPLIT]);
    const undo = await corrections.removeAndClaimRebuild(WS, job, claimed.ok ? claimed.correction.id : '', {});
    expect(undo).toMatchObject({ ok: false, reason: 'busy' });
    expect(await corrections.corrections(WS, job)).toEqual([SPLIT]);
  });

  it("records a rebuilt output as the job's version with its merge stats, and a failed one keeps the version and says why", async () => {
    const job = await finishedJob();
    await add(job);
    expect(await corrections.finishRebuild(WS, job, 2, { merge: MERGE, aggregations: null })).toBe(true);
    // A second end of the same rebuild (a retried activity) changes nothing.
    expect(await corrections.finishRebuild(WS, job, 2, { merge: { ...MERGE, rowsOut: 99 }, aggregations: null })).toBe(false);
    const rebuilt = await db.repositories.jobs.detail(WS, job);
    expect(rebuilt).toMatchObject({ outputVersion: 2, outputRebuild: null, merge: MERGE, duplicatesRemoved: 1 });

    expect(await add(job, JOIN)).toMatchObject({ ok: true, outputVersion: 3 });
    expect(await corrections.failRebuild(WS, job, 3, 'Rebuilding the output as version 3 failed: storage was down')).toBe(true);
    const failed = await db.repositories.jobs.detail(WS, job);
    expect(failed).toMatchObject({
      outputVersion: 2,
      merge: MERGE,
      outputRebuild: { state: 'failed', outputVersion: 3, error: 'Rebuilding the output as version 3 failed: storage was down' },
    });
    // The correction stays, and the next change claims the same version again.
    expect(await corrections.corrections(WS, job)).toEqual([SPLIT, JOIN]);
    expect(await add(job, SPLIT)).toMatchObject({ ok: true, outputVersion: 3 });
    expect((await db.repositories.jobs.detail(WS, job))?.outputRebuild).toMatchObject({ state: 'running', error: null });
  });

  it('removes a correction of the chain with its claim, and leaves the job unclaimed when there is no such correction', async () => {
    const job = await finishedJob();
    const added = await add(job);
    if (!added.ok) throw new Error('claim refused');
    await corrections.finishRebuild(WS, job, 2, { merge: MERGE, aggregations: null });
    expect(await corrections.removeAndClaimRebuild(WS, job, randomUUID())).toEqual({ ok: false, reason: 'not_found' });
    expect((await db.repositories.jobs.detail(WS, job))?.outputRebuild).toBeNull();
    const removed = await corrections.removeAndClaimRebuild(WS, job, added.correction.id);
    expect(removed).toMatchObject({ ok: true, outputVersion: 3, correction: { id: added.correction.id, correction: SPLIT } });
    expect(await corrections.list(WS, job)).toEqual([]);
  });

  it('reverts a change whose rebuild could not start: the added correction goes, a removed one comes back as it was', async () => {
    const job = await finishedJob();
    const added = await add(job);
    if (!added.ok) throw new Error('claim refused');
    await corrections.revertClaim(WS, job, 2, { added: added.correction.id });
    expect(await corrections.list(WS, job)).toEqual([]);
    expect((await db.repositories.jobs.detail(WS, job))?.outputRebuild).toBeNull();

    const kept = await add(job, JOIN);
    if (!kept.ok) throw new Error('claim refused');
    await corrections.finishRebuild(WS, job, 2, { merge: MERGE, aggregations: null });
    const removed = await corrections.removeAndClaimRebuild(WS, job, kept.correction.id);
    if (!removed.ok) throw new Error('claim refused');
    await corrections.revertClaim(WS, job, removed.outputVersion, { removed: removed.correction });
    expect(await corrections.list(WS, job)).toEqual([kept.correction]);
    expect(await db.repositories.jobs.detail(WS, job)).toMatchObject({ outputVersion: 2, outputRebuild: null });
  });

  it('takes over a claim only when asked to and only once it is older than the given age', async () => {
    const job = await finishedJob();
    await add(job);
    expect(await add(job, JOIN, { takeOverAfterMs: 60_000 })).toMatchObject({ ok: false, reason: 'busy' });
    await db.sql`UPDATE "Job" SET "rebuildStartedAt" = now() - interval '5 minutes' WHERE id = ${job}::uuid`;
    expect(await add(job, JOIN)).toMatchObject({ ok: false, reason: 'busy' });
    expect(await add(job, JOIN, { takeOverAfterMs: 60_000 })).toMatchObject({ ok: true, outputVersion: 2 });
  });

  it("never reaches another workspace's job or corrections", async () => {
    const theirs = await finishedJob(undefined, otherWorkspace);
    expect(await add(theirs)).toEqual({ ok: false, reason: 'not_found' });
    const claimed = await corrections.addAndClaimRebuild(otherWorkspace, theirs, { id: randomUUID(), correction: SPLIT, createdBy: null });
    if (!claimed.ok) throw new Error('claim refused');
    expect(await corrections.list(WS, theirs)).toEqual([]);
    expect(await corrections.removeAndClaimRebuild(WS, theirs, claimed.correction.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await corrections.finishRebuild(WS, theirs, 2, { merge: MERGE, aggregations: null })).toBe(false);
    expect(await corrections.list(otherWorkspace, theirs)).toHaveLength(1);
  });

  it('forgets who made a correction once the user is deleted, and the corrections with their chain', async () => {
    const job = await finishedJob();
    const other = randomUUID();
    await db.sql`INSERT INTO "User" (id, email) VALUES (${other}::uuid, ${`gone-${other.slice(0, 8)}@example.com`})`;
    await corrections.addAndClaimRebuild(WS, job, { id: randomUUID(), correction: SPLIT, createdBy: other });
    await db.sql`DELETE FROM "User" WHERE id = ${other}::uuid`;
    expect((await corrections.list(WS, job))[0].createdBy).toBeNull();
    await db.repositories.jobs.delete(WS, job);
    expect(await db.sql`SELECT id FROM "MergeCorrection" WHERE "rootJobId" = ${job}::uuid`).toEqual([]);
  });

  it('refuses to read a stored correction that does not have its shape, naming the column', async () => {
    const job = await finishedJob();
    await corrections.addAndClaimRebuild(WS, job, { id: randomUUID(), correction: JOIN, createdBy: null });
    await db.sql`UPDATE "MergeCorrection" SET correction = '{"kind": "merge", "records": []}'::jsonb WHERE "rootJobId" = ${job}::uuid`;
    await expect(corrections.list(WS, job)).rejects.toThrow(/Stored MergeCorrection.correction/);
  });
});
