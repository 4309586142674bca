import { randomUUID } from 'node:crypto';

import type {
  AuditEventView,
  CorrectMergeResult,
  DatasetDefinition,
  JobDetailView,
  MergeCorrection,
  MergeCorrectionView,
  MergeGroupView,
  Paginated,
  WorkspaceView,
} from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, workflowIdForJob, workflowIdForOutputRebuild } from '@sluice/contracts';

import { getJob, upload, waitForStatus } from './support/api-client';
import { sessionFetch } from './support/credentials';
import { type Member, SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';

type MergesPage = Paginated<MergeGroupView> & { outputVersion: number };

const WS = DEFAULT_WORKSPACE_ID;

/**
 * Two people files: Ada is in both by email; Bob by full name and company domain though his emails differ (any key
 * alternative matches); Carl and Dora are on their own. file 0 is crm.csv, file 1 events.csv; lines count the header as 1.
 */
const CRM = ['email,full_name,company_domain,phone', 'ada@example.com,Ada Lovelace,example.com,111', 'bob@acme.io,Bob Stone,acme.io,', 'carl@x.org,Carl Jung,x.org,333'].join('\n');
const EVENTS = ['email,full_name,company_domain,phone', 'ada@example.com,Ada Lovelace,example.com,', 'robert@acme.io,Bob Stone,acme.io,222', 'dora@y.org,Dora Maar,y.org,444'].join(
  '\n',
);

const SPLIT_BOB: MergeCorrection = { kind: 'split', records: [{ file: 1, line: 3 }] };
const JOIN_CARL_DORA: MergeCorrection = {
  kind: 'join',
  records: [
    { file: 0, line: 4 },
    { file: 1, line: 4 },
  ],
};

/** GET /api/jobs/:id/merges and its corrections; POST a correction and DELETE one, through the real API, worker, Temporal, MinIO and Postgres. */
describe('merge review', () => {
  let app: SluiceApp;
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const dataset: DatasetDefinition = {
    name: `mr_people_${suffix}`,
    label: 'Merge review people',
    fields: [
      { name: 'email', type: 'email', required: false },
      { name: 'full_name', type: 'string', required: false },
      { name: 'company_domain', type: 'domain', required: false },
      { name: 'phone', type: 'string', required: false },
    ],
    dedupe: { keys: [['email'], ['full_name', 'company_domain']], policy: 'most_complete' },
  };
  const plain: DatasetDefinition = { ...dataset, name: `mr_plain_${suffix}`, label: 'Merge review, no dedupe', dedupe: undefined };
  /** Jobs recorded straight into Postgres, in a given state, for the refusals that need no real run (no workflow holds them). */
  const recorded: string[] = [];

  const api = (path: string, init: RequestInit = {}) => fetch(`${app.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const merges = (jobId: string, query = '') => api(`/api/jobs/${jobId}/merges${query}`);
  const correct = (jobId: string, body: unknown) => api(`/api/jobs/${jobId}/merges/corrections`, { method: 'POST', body: JSON.stringify(body) });
  const undo = (jobId: string, correctionId: string) => api(`/api/jobs/${jobId}/merges/corrections/${correctionId}`, { method: 'DELETE' });
  const message = async (response: Response) => String(((await response.json()) as { message: unknown }).message);

  /** A job of `definition` recorded as the launcher would, then set to `status` (and, with files, named files). */
  async function recordJob(definition: DatasetDefinition, status: string, fileNames: string[] = []): Promise<string> {
    const id = randomUUID();
    const files = fileNames.map((fileName) => ({ uploadId: randomUUID(), fileName, objectKey: `workspaces/${WS}/jobs/${id}/uploads/x/${fileName}`, sizeBytes: 1 }));
    await app.db.recordDatasetJob({ id, dataset: definition.name, workflowId: workflowIdForJob(id), retentionHours: 1, files });
    await app.db.sql`UPDATE "Job" SET status = ${status}::"JobStatus", "finishedAt" = now() WHERE id = ${id}::uuid`;
    recorded.push(id);
    return id;
  }

  /** Waits until the job's output is `version` (its rebuild ended); a rebuild that failed fails the test with its reason. */
  async function waitForOutputVersion(jobId: string, version: number, timeoutMs = 60_000): Promise<JobDetailView> {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const job = await getJob(app.baseUrl, jobId);
      if (job.outputRebuild?.state === 'failed') throw new Error(`The rebuild failed: ${job.outputRebuild.error}`);
      if (job.outputVersion === version && !job.outputRebuild) return job;
      if (Date.now() > deadline) throw new Error(`Job ${jobId} stayed at output version ${job.outputVersion} (${JSON.stringify(job.outputRebuild)}), expected ${version}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The clean CSV's data rows. */
  async function cleanRows(jobId: string): Promise<string[]> {
    const response = await api(`/api/jobs/${jobId}/download`);
    expect(response.status).toBe(200);
    return (await response.text()).trim().split('\n').slice(1);
  }

  /** Each group's members as "file:line", sorted, for comparing groups whatever their order. */
  const memberSets = (page: MergesPage) => page.items.map((g) => g.members.map((m) => `${m.file}:${m.line}`).sort()).sort();

  beforeAll(async () => {
    app = await startSluice({ WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    for (const definition of [dataset, plain]) expect((await api(`/api/datasets/${definition.name}`, { method: 'PUT', body: JSON.stringify(definition) })).status).toBe(200);
  });

  afterAll(async () => {
    if (!app) return;
    await app.db.sql`DELETE FROM "Job" WHERE id = ANY(${recorded}::uuid[])`;
    await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${WS}::uuid AND name IN (${dataset.name}, ${plain.name})`;
    await app.close();
  });

  describe('refusals that need no merge result', () => {
    it('answers 404 for a job the workspace does not have, on every route', async () => {
      const missing = randomUUID();
      for (const response of [await merges(missing), await api(`/api/jobs/${missing}/merges/corrections`), await correct(missing, SPLIT_BOB), await undo(missing, randomUUID())]) {
        expect(response.status).toBe(404);
        expect(await message(response)).toBe(`Job ${missing} not found`);
      }
    });

    it('refuses bad paging, order, flag and ids, naming them', async () => {
      const job = await recordJob(plain, 'processed');
      for (const [query, pattern] of [
        ['?order=oldest', /order must be one of review, size, certainty/],
        ['?pageSize=0', /pageSize must not be less than 1/],
        ['?pageSize=101', /pageSize must not be greater than 100/],
        ['?flagged=maybe', /flagged must be true or false/],
        ['?page=x', /page must be an integer/],
      ] as const) {
        const response = await merges(job, query);
        expect(response.status).toBe(400);
        expect(await message(response)).toMatch(pattern);
      }
      expect((await api('/api/jobs/not-a-job/merges')).status).toBe(400);
      const badCorrection = await undo(job, 'not-a-correction');
      expect(badCorrection.status).toBe(400);
      expect(await message(badCorrection)).toMatch(/correctionId/);
    });

    it('refuses a correction whose body is not a split or a join of { file, line } records, saying what it must be', async () => {
      const job = await recordJob(dataset, 'processed', ['crm.csv', 'events.csv']);
      for (const [body, pattern] of [
        [{ kind: 'merge', records: [{ file: 0, line: 2 }] }, /kind must be "split" .* or "join"/],
        [{ kind: 'split' }, /records must be a list of \{ file, line \}/],
        [{ kind: 'split', records: [{ file: -1, line: 2 }] }, /records\[\]\.file must be 0 or more/],
        [{ kind: 'split', records: [{ file: 0, line: 0 }] }, /records\[\]\.line must be 1 or more/],
        [{ kind: 'split', records: [{ file: 0.5, line: 2 }] }, /records\[\]\.file must be a whole number/],
        [{ kind: 'split', records: [{ file: 0, line: 2 }], why: 'because' }, /property why should not exist/],
        [{ kind: 'split', records: [] }, /^A split needs at least one record/],
        [{ kind: 'join', records: [{ file: 0, line: 2 }] }, /^A join needs at least two records, one from each group to merge; it names 1$/],
        [{ kind: 'split', records: [{ file: 2, line: 2 }] }, /^No such file: file 2 line 2\. .*\(this job: 0 = "crm\.csv", 1 = "events\.csv"\)$/],
        [
          {
            kind: 'join',
            records: [
              { file: 1, line: 3 },
              { file: 1, line: 3 },
            ],
          },
          /^The correction names file 1 \("events\.csv"\) line 3 twice$/,
        ],
      ] as const) {
        const response = await correct(job, body);
        expect(response.status).toBe(400);
        expect(await message(response)).toMatch(pattern);
      }
      expect(await app.db.sql`SELECT id FROM "MergeCorrection" WHERE "rootJobId" = ${job}::uuid`).toEqual([]);
    });

    it('answers 409 while a job runs or after it failed, and 410 once it expired, saying why', async () => {
      const running = await recordJob(dataset, 'processing');
      const failed = await recordJob(dataset, 'failed');
      const expired = await recordJob(dataset, 'expired');
      for (const [job, status, text] of [
        [running, 409, `Job ${running} is still processing: its merges can be reviewed once it has finished`],
        [failed, 409, `Job ${failed} failed, so it merged no records`],
        [expired, 410, `Job ${expired} has expired: its files and merge provenance were deleted after the retention period`],
      ] as const) {
        for (const response of [await merges(job), await correct(job, SPLIT_BOB)]) {
          expect(response.status).toBe(status);
          expect(await message(response)).toBe(text);
        }
      }
      // The corrections kept stay readable whatever the job's state.
      expect(await (await api(`/api/jobs/${expired}/merges/corrections`)).json()).toEqual([]);
    });

    it('lists no groups for a dataset without de-duplication keys, and refuses to correct its merges', async () => {
      const job = await recordJob(plain, 'processed');
      const response = await merges(job, '?page=2&pageSize=5');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [], total: 0, page: 2, pageSize: 5, outputVersion: 1 });
      const refused = await correct(job, SPLIT_BOB);
      expect(refused.status).toBe(409);
      expect(await message(refused)).toBe(`Job ${job} merged no records: its dataset has no de-duplication keys, so there is nothing to correct`);
    });

    it('answers 409 for a job whose output was built before Sluice kept merge provenance', async () => {
      const job = await recordJob(dataset, 'processed', ['crm.csv', 'events.csv']);
      for (const response of [await merges(job), await correct(job, SPLIT_BOB)]) {
        expect(response.status).toBe(409);
        expect(await message(response)).toBe(`Job ${job} has no merge provenance: its output was built before Sluice kept it. Rerun the job to review its merges`);
      }
    });

    it("lists the chain's corrections with who made them, for the chain's every job, and refuses an undo while a rebuild runs", async () => {
      const root = await recordJob(dataset, 'processed', ['crm.csv', 'events.csv']);
      const rerun = await recordJob(dataset, 'processed', ['crm.csv', 'events.csv']);
      await app.db.sql`UPDATE "Job" SET "rerunOf" = ${root}::uuid, "rootJobId" = ${root}::uuid WHERE id = ${rerun}::uuid`;
      const ownerId = app.owner.signedIn.session.user.id;
      const kept = await app.db.repositories.mergeCorrections.addAndClaimRebuild(WS, root, { id: randomUUID(), correction: JOIN_CARL_DORA, createdBy: ownerId });
      if (!kept.ok) throw new Error('claim refused');
      for (const job of [root, rerun]) {
        const listed = (await (await api(`/api/jobs/${job}/merges/corrections`)).json()) as MergeCorrectionView[];
        expect(listed).toEqual([{ id: kept.correction.id, correction: JOIN_CARL_DORA, createdAt: kept.correction.createdAt.toISOString(), createdBy: app.owner.email }]);
      }
      // The claim above stands for a rebuild that runs: another change waits for it.
      const busy = await undo(root, kept.correction.id);
      expect(busy.status).toBe(409);
      expect(await message(busy)).toBe(`Job ${root}'s output is being rebuilt as version 2 after another correction; try again once that has finished`);
      await app.db.sql`UPDATE "Job" SET "rebuildingVersion" = NULL WHERE id = ${root}::uuid`;
      const unknown = randomUUID();
      const missing = await undo(rerun, unknown);
      expect(missing.status).toBe(404);
      expect(await message(missing)).toBe(`Correction ${unknown} of job ${rerun} not found`);
      expect((await getJob(app.baseUrl, rerun)).outputRebuild).toBeNull();
    });

    it('refuses an unreadable provenanceColumns upload option, naming it', async () => {
      const response = await upload(app.baseUrl, [{ name: 'crm.csv', content: CRM }], { dataset: dataset.name, provenanceColumns: 'maybe' });
      expect(response.status).toBe(400);
      expect(response.body['message']).toBe('"provenanceColumns" must be true or false (adds _cluster_id and _source_lines columns to clean.csv), not "maybe"');
    });

    describe('across roles and workspaces', () => {
      let viewer: Member;
      let ownerB: Member;
      let B: WorkspaceView;

      beforeAll(async () => {
        viewer = await app.createMember(WS, 'viewer');
        ownerB = await app.createMember(WS, 'viewer');
        const made = await sessionFetch(app.baseUrl, ownerB.signedIn.jar, '/api/workspaces', { method: 'POST', body: JSON.stringify({ name: `Merges B ${suffix}` }) });
        expect(made.status).toBe(201);
        B = (await made.json()) as WorkspaceView;
        expect((await sessionFetch(app.baseUrl, ownerB.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId: B.id }) })).status).toBe(200);
      });

      afterAll(async () => {
        if (!B) return;
        await app.db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${B.id}::uuid`;
        await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${B.id}::uuid`;
        await app.db.sql`DELETE FROM "Workspace" WHERE id = ${B.id}::uuid`;
      });

      it("lets a viewer read a job's merges and corrections but not change them (403), and the audit log keeps the refusal", async () => {
        const job = await recordJob(plain, 'processed');
        const as = (path: string, init: RequestInit = {}) => sessionFetch(app.baseUrl, viewer.signedIn.jar, path, init);
        expect((await as(`/api/jobs/${job}/merges`)).status).toBe(200);
        expect((await as(`/api/jobs/${job}/merges/corrections`)).status).toBe(200);
        const refused = await as(`/api/jobs/${job}/merges/corrections`, { method: 'POST', body: JSON.stringify(SPLIT_BOB) });
        expect(refused.status).toBe(403);
        expect((await as(`/api/jobs/${job}/merges/corrections/${randomUUID()}`, { method: 'DELETE' })).status).toBe(403);
        for (const deadline = Date.now() + 5_000; ;) {
          const { events } = (await (await api(`/api/audit?action=merges.addCorrection&actor=${encodeURIComponent(viewer.email)}`)).json()) as { events: AuditEventView[] };
          if (events.length || Date.now() > deadline) {
            expect(events).toMatchObject([{ action: 'merges.addCorrection', target: job, outcome: 'failure', detail: { status: 403 } }]);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });

      it("answers another workspace 404 for a job's merges and corrections, and changes nothing", async () => {
        const job = await recordJob(dataset, 'processed', ['crm.csv', 'events.csv']);
        const as = (path: string, init: RequestInit = {}) => sessionFetch(app.baseUrl, ownerB.signedIn.jar, path, init);
        for (const response of [
          await as(`/api/jobs/${job}/merges`),
          await as(`/api/jobs/${job}/merges/corrections`),
          await as(`/api/jobs/${job}/merges/corrections`, { method: 'POST', body: JSON.stringify(SPLIT_BOB) }),
          await as(`/api/jobs/${job}/merges/corrections/${randomUUID()}`, { method: 'DELETE' }),
        ]) {
          expect(response.status).toBe(404);
          expect(await message(response)).toBe(`Job ${job} not found`);
        }
        expect(await app.db.repositories.mergeCorrections.list(WS, job)).toEqual([]);
      });
    });
  });

  // An undo needs no provenance: these run the rebuild workflow for real on the worker.
  describe('the rebuild after an undo', () => {
    let receiver: WebhookReceiver;

    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
    });
    afterAll(() => receiver?.stop());

    /** A correction kept for the job's chain as if made earlier, its rebuild long done. */
    async function keptCorrection(jobId: string, correction: MergeCorrection): Promise<string> {
      const id = randomUUID();
      await app.db
        .sql`INSERT INTO "MergeCorrection" (id, "workspaceId", "rootJobId", correction) VALUES (${id}::uuid, ${WS}::uuid, ${jobId}::uuid, ${JSON.stringify(correction)}::jsonb)`;
      return id;
    }

    async function uploaded(fields: Record<string, string> = {}): Promise<JobDetailView> {
      const files = [
        { name: 'crm.csv', content: CRM },
        { name: 'events.csv', content: EVENTS },
      ];
      const created = await upload(app.baseUrl, files, { dataset: dataset.name, ...fields });
      expect(created.status).toBe(202);
      return waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    }

    it("rebuilds the job's output through Temporal as its next version, from its recorded files", async () => {
      const job = await uploaded();
      expect(job).toMatchObject({ status: 'processed', outputVersion: 1, outputRebuild: null });
      const before = await cleanRows(job.id);
      const correctionId = await keptCorrection(job.id, JOIN_CARL_DORA);
      const response = await undo(job.id, correctionId);
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ jobId: job.id, outputVersion: 2, correction: { id: correctionId, correction: JOIN_CARL_DORA, createdBy: null } });
      const rebuilt = await waitForOutputVersion(job.id, 2);
      expect(rebuilt.merge).toEqual(job.merge);
      expect(await cleanRows(job.id)).toEqual(before);
      expect(await (await api(`/api/jobs/${job.id}/merges/corrections`)).json()).toEqual([]);
      expect(await app.temporal.workflow.getHandle(workflowIdForOutputRebuild(job.id, 2)).result()).toEqual({ outputVersion: 2, error: null });
    });

    it("keeps a webhook job's delivered records and delivery as they were: a rebuild delivers nothing again", async () => {
      const job = await uploaded({ mode: 'webhook', webhookUrl: receiver.url, rateLimit: 'unlimited', retryDelays: 'none' });
      for (const deadline = Date.now() + 30_000; (await getJob(app.baseUrl, job.id)).delivery?.state !== 'delivered';) {
        if (Date.now() > deadline) throw new Error('delivery did not end');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const delivered = (await getJob(app.baseUrl, job.id)).delivery;
      const requests = receiver.requests.length;
      expect(requests).toBe(delivered?.total);
      const response = await undo(job.id, await keptCorrection(job.id, SPLIT_BOB));
      expect(response.status).toBe(202);
      const rebuilt = await waitForOutputVersion(job.id, 2);
      expect(rebuilt.delivery).toMatchObject({ state: 'delivered', total: delivered?.total, delivered: delivered?.delivered, failed: 0 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.requests.length).toBe(requests);
    });
  });

  // Needs the engine's provenance (issue 15): the job's build writes it, and @sluice/analytics reads it.
  describe("a job's merges, corrected and rebuilt", () => {
    let jobId: string;

    beforeAll(async () => {
      const created = await upload(
        app.baseUrl,
        [
          { name: 'crm.csv', content: CRM },
          { name: 'events.csv', content: EVENTS },
        ],
        { dataset: dataset.name },
      );
      expect(created.status).toBe(202);
      jobId = created.body['jobId'] as string;
      await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed']);
    });

    it('lists the groups any key alternative made, with their members, files and lines, at output version 1', async () => {
      const job = await getJob(app.baseUrl, jobId);
      expect(job).toMatchObject({
        status: 'processed',
        outputVersion: 1,
        outputRebuild: null,
        merge: { rowsIn: 6, rowsOut: 4, duplicatesRemoved: 2, groups: 2, flaggedGroups: 0 },
      });
      expect(await cleanRows(jobId)).toHaveLength(4);
      const response = await merges(jobId, '?order=size');
      expect(response.status).toBe(200);
      const page = (await response.json()) as MergesPage;
      expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20, outputVersion: 1 });
      expect(memberSets(page)).toEqual([
        ['0:2', '1:2'],
        ['0:3', '1:3'],
      ]);
      const bob = page.items.find((g) => g.members.some((m) => m.file === 1 && m.line === 3)) as MergeGroupView;
      expect(bob).toMatchObject({ size: 2, certainty: 1, flagged: false, corrected: false });
      expect(bob.members.map((m) => [m.fileName, m.values['full_name'], m.reason])).toEqual([
        ['crm.csv', 'Bob Stone', 'key'],
        ['events.csv', 'Bob Stone', 'key'],
      ]);
      expect(bob.members.find((m) => m.file === 1)?.matchedOn).toBe('full_name + company_domain');
      expect(bob.conflicts.map((c) => c.field)).toEqual(['email']);
      expect((await (await merges(jobId, '?flagged=true')).json()) as MergesPage).toMatchObject({ total: 0, items: [] });
    });

    it('refuses records the job does not have, naming them, and a join of records that are in one group already', async () => {
      const unknown = await correct(jobId, {
        kind: 'split',
        records: [
          { file: 0, line: 99 },
          { file: 1, line: 2 },
        ],
      });
      expect(unknown.status).toBe(400);
      expect(await message(unknown)).toBe('Unknown record: file 0 ("crm.csv") line 99. Name records by their file (from 0, in upload order) and line (the header is line 1)');
      const oneGroup = await correct(jobId, {
        kind: 'join',
        records: [
          { file: 0, line: 2 },
          { file: 1, line: 2 },
        ],
      });
      expect(oneGroup.status).toBe(400);
      expect(await message(oneGroup)).toMatch(/^These records are all in one group already \(.+\): a join needs records from at least two groups$/);
    });

    it('splits a record out of its group: a new output version with one more row, and the groups say so', async () => {
      const response = await correct(jobId, SPLIT_BOB);
      expect(response.status).toBe(202);
      const result = (await response.json()) as CorrectMergeResult;
      expect(result).toMatchObject({ jobId, outputVersion: 2, correction: { correction: SPLIT_BOB, createdBy: app.owner.email } });
      const job = await waitForOutputVersion(jobId, 2);
      expect(job.merge).toMatchObject({ rowsOut: 5, groups: 1 });
      expect(await cleanRows(jobId)).toHaveLength(5);
      const page = (await (await merges(jobId)).json()) as MergesPage;
      expect(page).toMatchObject({ total: 1, outputVersion: 2 });
      expect(memberSets(page)).toEqual([['0:2', '1:2']]);
      expect(((await (await api(`/api/jobs/${jobId}/merges/corrections`)).json()) as MergeCorrectionView[]).map((c) => c.correction)).toEqual([SPLIT_BOB]);
    });

    it('refuses a second correction while a rebuild runs', async () => {
      await app.db.sql`UPDATE "Job" SET "rebuildingVersion" = "outputVersion" + 1, "rebuildStartedAt" = now() WHERE id = ${jobId}::uuid`;
      try {
        const refused = await correct(jobId, JOIN_CARL_DORA);
        expect(refused.status).toBe(409);
        expect(await message(refused)).toBe(`Job ${jobId}'s output is being rebuilt as version 3 after another correction; try again once that has finished`);
      } finally {
        await app.db.sql`UPDATE "Job" SET "rebuildingVersion" = NULL WHERE id = ${jobId}::uuid`;
      }
      expect(await app.db.repositories.mergeCorrections.corrections(WS, jobId)).toEqual([SPLIT_BOB]);
    });

    it('joins two groups into one, marked as corrected', async () => {
      const response = await correct(jobId, JOIN_CARL_DORA);
      expect(response.status).toBe(202);
      expect(((await response.json()) as CorrectMergeResult).outputVersion).toBe(3);
      await waitForOutputVersion(jobId, 3);
      expect(await cleanRows(jobId)).toHaveLength(4);
      const page = (await (await merges(jobId)).json()) as MergesPage;
      expect(memberSets(page)).toEqual([
        ['0:2', '1:2'],
        ['0:4', '1:4'],
      ]);
      const joined = page.items.find((g) => g.members.some((m) => m.file === 0 && m.line === 4)) as MergeGroupView;
      expect(joined.corrected).toBe(true);
      expect(joined.members.map((m) => m.reason)).toContain('correction');
    });

    it('undoes the split: the record merges into its group again', async () => {
      const [split] = ((await (await api(`/api/jobs/${jobId}/merges/corrections`)).json()) as MergeCorrectionView[]).filter((c) => c.correction.kind === 'split');
      const response = await undo(jobId, split.id);
      expect(response.status).toBe(202);
      expect((await response.json()) as CorrectMergeResult).toMatchObject({ jobId, outputVersion: 4, correction: { id: split.id, correction: SPLIT_BOB } });
      await waitForOutputVersion(jobId, 4);
      expect(await cleanRows(jobId)).toHaveLength(3);
      expect(memberSets((await (await merges(jobId)).json()) as MergesPage)).toEqual([
        ['0:2', '1:2'],
        ['0:3', '1:3'],
        ['0:4', '1:4'],
      ]);
      expect(((await (await api(`/api/jobs/${jobId}/merges/corrections`)).json()) as MergeCorrectionView[]).map((c) => c.correction)).toEqual([JOIN_CARL_DORA]);
    });

    it("applies the chain's corrections again when the job is rerun", async () => {
      const response = await api(`/api/jobs/${jobId}/rerun`, { method: 'POST' });
      expect(response.status).toBe(202);
      const rerun = ((await response.json()) as { jobId: string }).jobId;
      const job = await waitForStatus(app.baseUrl, rerun, ['processed', 'partial', 'failed']);
      expect(job).toMatchObject({ status: 'processed', outputVersion: 1, merge: { rowsOut: 3 } });
      expect(await cleanRows(rerun)).toHaveLength(3);
      const page = (await (await merges(rerun)).json()) as MergesPage;
      expect(page.items.find((g) => g.members.some((m) => m.file === 0 && m.line === 4))?.corrected).toBe(true);
      const ofRerun = (await (await api(`/api/jobs/${rerun}/merges/corrections`)).json()) as MergeCorrectionView[];
      const ofRoot = (await (await api(`/api/jobs/${jobId}/merges/corrections`)).json()) as MergeCorrectionView[];
      expect(ofRerun).toEqual(ofRoot);
    });

    it('adds _cluster_id and _source_lines to clean.csv when the upload asks for them', async () => {
      const created = await upload(
        app.baseUrl,
        [
          { name: 'crm.csv', content: CRM },
          { name: 'events.csv', content: EVENTS },
        ],
        { dataset: dataset.name, provenanceColumns: 'true' },
      );
      expect(created.status).toBe(202);
      const id = created.body['jobId'] as string;
      await waitForStatus(app.baseUrl, id, ['processed', 'partial', 'failed']);
      const text = await (await api(`/api/jobs/${id}/download`)).text();
      const [header, ...rows] = text.trim().split('\n');
      const columns = header.split(',');
      expect(columns).toEqual(expect.arrayContaining(['_cluster_id', '_source_lines']));
      const ada = rows.find((row) => row.includes('ada@example.com')) as string;
      expect(ada.split(',')[columns.indexOf('_source_lines')]).toBe('0:2;1:2');
    });
  });
});
