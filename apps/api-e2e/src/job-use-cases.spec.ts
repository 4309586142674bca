import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

import type { CsvJobInput, DatasetDefinition, WorkspaceLimits } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { TestDatabase } from '@sluice/db/testing';
import { ClaimInbox, JobRequestError, LaunchJob, type LaunchJobDeps, type LaunchRequest, type LegacyJobInput, RerunJob, type WorkflowStarter, WorkspaceQuota } from '@sluice/jobs';
import { inboxPrefix, jobPrefix, ObjectStore, s3ConfigFromEnv } from '@sluice/storage';
import { AddressPolicy } from '@sluice/webhooks';

/** The workspace every repository call here acts on (isolation has its own spec). */
const WS = DEFAULT_WORKSPACE_ID;

/** Temporal is a port of the use cases: this one records what it was asked to start, or refuses. */
class FakeWorkflows implements WorkflowStarter {
  started: CsvJobInput[] = [];
  refuse = false;

  async startCsvJob(input: CsvJobInput): Promise<void> {
    if (this.refuse) throw new Error('14 UNAVAILABLE: connect ECONNREFUSED');
    this.started.push(input);
  }
}

const quiet = { error: () => undefined };
const csv = (name: string, text: string) => ({ name, stream: Readable.from([Buffer.from(text)]) });

/** A stream of `bytes` bytes of CSV-looking text, produced as it is read (never in memory at once). */
function bigCsv(name: string, bytes: number) {
  const line = Buffer.from('2026-01-01T00:00:00Z,s1,1.5\n');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      sent += line.length;
      this.push(line);
    },
  });
  return { name, stream };
}

/** A stream that sends a header and then fails, as a client that goes away mid-file does. */
function failingCsv(name: string, error: Error) {
  let pushed = false;
  const stream = new Readable({
    read() {
      if (pushed) return void setImmediate(() => this.destroy(error));
      pushed = true;
      this.push('ts,sensor,value\n');
    },
  });
  return { name, stream };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The use cases of libs/jobs against the real Postgres and MinIO of the test stack; Temporal is faked (it is a port here). */
describe('libs/jobs use cases', () => {
  let db: TestDatabase;
  let store: ObjectStore;
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const dataset: DatasetDefinition = {
    name: `uc_readings_${suffix}`,
    label: 'Readings',
    fields: [
      { name: 'ts', type: 'string', required: true },
      { name: 'sensor', type: 'string', required: true },
      { name: 'value', type: 'decimal', required: false },
    ],
  };
  const jobIds: string[] = [];

  /** The workspace's limits as a launch sees them: generous unless a test narrows one. */
  const quotaOf = (limits: Partial<WorkspaceLimits> = {}) =>
    new WorkspaceQuota({
      defaults: { concurrentJobs: 1000, filesPerUpload: 20, storageBytes: 1024 ** 4, retentionHours: 48, ...limits },
      workspaces: db.repositories.workspaces,
      jobs: db.repositories.jobs,
      store,
    });
  const launcher = (workflows: FakeWorkflows, maxFileBytes = 1024 * 1024, quota = quotaOf()) => {
    const deps: LaunchJobDeps = {
      ...db.repositories,
      store,
      policy: AddressPolicy.fromList('127.0.0.0/8'),
      endpoints: db.repositories.webhookEndpoints,
      workflows,
      logger: quiet,
      quota,
      maxFileBytes,
    };
    return new LaunchJob(deps);
  };
  const objectsOf = async (jobId: string) => (await store.list(jobPrefix(WS, jobId))).map((o) => o.key);
  const incompleteUploadsOf = async (jobId: string) => store.listIncompleteUploads(jobPrefix(WS, jobId));

  beforeAll(async () => {
    db = new TestDatabase();
    store = new ObjectStore(s3ConfigFromEnv(process.env));
    await db.repositories.datasets.save(WS, dataset, 'test');
  });

  afterAll(async () => {
    if (!db) return;
    for (const id of jobIds) {
      await db.repositories.jobs.delete(WS, id).catch(() => undefined);
      await store.deletePrefix(jobPrefix(WS, id));
    }
    await db.sql`DELETE FROM "DatasetConfig" WHERE name = ${dataset.name}`;
    await db.disconnect();
    store.destroy();
  });

  describe('LaunchJob', () => {
    it('streams the files into S3 under the job, records the job with its spec and starts its workflow', async () => {
      const workflows = new FakeWorkflows();
      const upload = await launcher(workflows).open(WS);
      jobIds.push(upload.jobId);
      await Promise.all([upload.addFile(csv('a.csv', 'ts,sensor,value\nt1,s1,1\n')), upload.addFile(csv('b.CSV', 'ts,sensor,value\nt2,s2,2\n'))]);
      const result = await upload.launch({ dataset: ` ${dataset.name} `, retentionHours: '12' });

      expect(result).toEqual({ jobId: upload.jobId, status: 'waiting' });
      const job = await db.repositories.jobs.stored(WS, upload.jobId);
      expect(job).toMatchObject({
        status: 'waiting',
        dataset: dataset.name,
        retentionHours: 12,
        datasetVersion: 1,
        spec: { kind: 'dataset', dataset: { version: 1, definition: dataset }, delivery: null },
      });
      expect(job?.files.map((f) => [f.fileName, Number(f.sizeBytes)])).toEqual([
        ['a.csv', 24],
        ['b.CSV', 24],
      ]);
      expect((await objectsOf(upload.jobId)).sort()).toEqual(job?.files.map((f) => f.objectKey).sort());
      expect(workflows.started).toEqual([
        { workspaceId: WS, jobId: upload.jobId, dataset: dataset.name, files: job?.files.map((f) => ({ uploadId: f.uploadId, key: f.objectKey })), retentionMs: 12 * 3600_000 },
      ]);
    });

    it('refuses a request that does not resolve and deletes the files it stored', async () => {
      const workflows = new FakeWorkflows();
      const upload = await launcher(workflows).open(WS);
      await upload.addFile(csv('a.csv', 'ts,sensor,value\n'));
      expect(await objectsOf(upload.jobId)).toHaveLength(1);
      const error = await rejection(upload.launch({ dataset: `nope_${suffix}` }));

      expect(error).toBeInstanceOf(JobRequestError);
      expect(error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(new RegExp(`^Unknown dataset "nope_${suffix}" \\(known: .*${dataset.name}`)) });
      expect(await objectsOf(upload.jobId)).toEqual([]);
      expect(await db.repositories.jobs.exists(WS, upload.jobId)).toBe(false);
      expect(workflows.started).toEqual([]);
    });

    it('checks the request in the order the API reports problems in, and reads retention as plain decimals only', async () => {
      const workflows = new FakeWorkflows();
      const launch = launcher(workflows);
      const refused = async (request: LaunchRequest, files = [csv('a.csv', 'ts,sensor,value\n')]) => {
        const upload = await launch.open(WS);
        for (const file of files) await upload.addFile(file);
        const error = (await rejection(upload.launch(request))) as JobRequestError;
        expect(await objectsOf(upload.jobId)).toEqual([]);
        return `${error.kind}: ${error.message}`;
      };
      expect(await refused({ dataset: dataset.name }, [])).toBe('invalid: Missing file: send one or more CSV files in the "files" field');
      expect(await refused({ dataset: dataset.name, pipeline: 'x' })).toBe('invalid: Send either "dataset" or "pipeline", not both');
      expect(await refused({ dataset: dataset.name, retentionHours: '0x10' })).toBe('invalid: retentionHours must be a number above 0 and at most 48');
      expect(await refused({ dataset: dataset.name, retentionHours: 49 })).toBe('invalid: retentionHours must be a number above 0 and at most 48');
      expect(await refused({ dataset: dataset.name, delivery: { mode: 'email' } })).toBe('invalid: mode must be "download" or "webhook", not "email"');
      expect(await refused({ dataset: dataset.name, delivery: { mode: 'webhook' } })).toBe('invalid: Missing field "webhookUrl": webhook mode needs the URL to deliver records to');
      expect(await refused({ dataset: dataset.name, delivery: { mode: 'webhook', webhookUrl: 'http://10.1.2.3/hook' } })).toMatch(/^invalid: /);
      expect(workflows.started).toEqual([]);
    });

    it('refuses content that is not CSV and a file over the limit while streaming them, leaving no object and no unfinished multipart upload', async () => {
      const launch = launcher(new FakeWorkflows(), 256 * 1024);
      const notCsv = await launch.open(WS);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 1)]);
      const stored = notCsv.addFile(csv('ok.csv', 'ts,sensor,value\n'));
      const refusedFile = notCsv.addFile({ name: 'photo.csv', stream: Readable.from([png]) });
      await stored;
      expect(await rejection(refusedFile)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^"photo\.csv" is not a CSV file: its content looks like/) });
      expect(await rejection(notCsv.launch({ dataset: dataset.name }))).toMatchObject({ kind: 'invalid' });
      expect(await objectsOf(notCsv.jobId)).toEqual([]);

      // 20 MB through a 256 KB limit: refused once the limit is passed, and the rest of the stream is read to its end.
      const big = bigCsv('big.csv', 20 * 1024 * 1024);
      const tooLarge = await launch.open(WS);
      expect(await rejection(tooLarge.addFile(big))).toMatchObject({ kind: 'too_large', message: '"big.csv" is larger than the 0.3 MB limit' });
      await finished(big.stream);
      await tooLarge.discard();
      expect(await objectsOf(tooLarge.jobId)).toEqual([]);
      expect(await incompleteUploadsOf(tooLarge.jobId)).toEqual([]);

      const unnamed = await launch.open(WS);
      expect(await rejection(unnamed.addFile(csv('', 'a')))).toMatchObject({
        kind: 'invalid',
        message: '"unnamed file" is not a CSV file: expected a file named .csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip',
      });
    });

    describe("the workspace's limits", () => {
      let ws: string;
      const owner = randomUUID();
      beforeAll(async () => {
        ws = randomUUID();
        await db.repositories.users.ensure({ id: owner, email: `limits-${suffix}-${owner.slice(0, 8)}@example.test` });
        await db.repositories.workspaces.createWithOwner({ id: ws, name: `Limits ${suffix}` }, owner);
        await db.repositories.datasets.save(ws, dataset, 'test');
      });
      afterAll(async () => {
        await db.sql`DELETE FROM "Job" WHERE "workspaceId" = ${ws}::uuid`;
        await store.deletePrefix(`workspaces/${ws}/`);
        await db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${ws}::uuid`;
        await db.sql`DELETE FROM "Workspace" WHERE id = ${ws}::uuid`;
        await db.sql`DELETE FROM "User" WHERE id = ${owner}::uuid`;
      });
      const limitedLauncher = (workflows: FakeWorkflows) => launcher(workflows, 1024 * 1024, quotaOf({ concurrentJobs: 3, filesPerUpload: 2, storageBytes: 64 * 1024 }));
      const launchOne = async (launch: LaunchJob) => {
        const upload = await launch.open(ws);
        await upload.addFile(csv('a.csv', 'ts,sensor,value\nt1,s1,1\n'));
        return upload.launch({ dataset: dataset.name });
      };

      it("counts files against the workspace's files per upload, and its overrides replace the defaults", async () => {
        const launch = limitedLauncher(new FakeWorkflows());
        const upload = await launch.open(ws);
        expect(upload.limits.maxFiles).toBe(2);
        await upload.addFile(csv('a.csv', 'ts,sensor,value\n'));
        await upload.addFile(csv('b.csv', 'ts,sensor,value\n'));
        expect(await rejection(upload.addFile(csv('c.csv', 'ts,sensor,value\n')))).toMatchObject({
          kind: 'invalid',
          message: 'Too many files: at most 2 per upload in this workspace, counting each CSV file inside a .zip',
        });
        await upload.discard();
        await db.repositories.workspaces.setLimitOverrides(ws, { filesPerUpload: 5 });
        expect((await launch.open(ws)).limits.maxFiles).toBe(5);
        await db.repositories.workspaces.setLimitOverrides(ws, {});
        expect((await launch.open(ws)).limits.maxFiles).toBe(2);
      });

      it('refuses a file that would take the workspace past its storage limit while it streams, and any upload once the limit is reached', async () => {
        const launch = limitedLauncher(new FakeWorkflows());
        const upload = await launch.open(ws);
        const big = bigCsv('big.csv', 1024 * 1024);
        expect(await rejection(upload.addFile(big))).toMatchObject({
          kind: 'too_large',
          message:
            "This workspace's storage limit of 64 KB would be passed (0 KB stored): delete jobs you no longer need or wait for retention to remove old ones, then upload again",
        });
        await finished(big.stream);
        await upload.discard();
        expect(await store.list(`workspaces/${ws}/jobs/`)).toEqual([]);

        // Something else fills the workspace (an inbox file counts too): the next upload is refused before it reads a byte.
        await store.put(`workspaces/${ws}/inbox/${dataset.name}/full.csv`, Readable.from([Buffer.alloc(64 * 1024, 0x61)]));
        const refused = await rejection(launch.open(ws));
        expect(refused).toMatchObject({ kind: 'too_large', details: { limit: 'storageBytes', allowed: 64 * 1024, stored: 64 * 1024 } });
        await store.deletePrefix(`workspaces/${ws}/inbox/`);
      });

      it('refuses a launch past the jobs-at-once limit with a clear sentence, even when launches race', async () => {
        const workflows = new FakeWorkflows();
        const launch = limitedLauncher(workflows);
        // Ten launches at once into a workspace that may run three: the lock lets exactly three record.
        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => launchOne(launch)));
        const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as JobRequestError] : []));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
        expect(refusals).toHaveLength(7);
        for (const refusal of refusals) {
          expect(refusal).toMatchObject({ kind: 'busy', details: { limit: 'concurrentJobs', allowed: 3 } });
          expect(refusal.message).toMatch(/^This workspace already has 3 jobs waiting or processing, its limit of 3 at once: wait for one to finish, then try again$/);
        }
        expect(await db.repositories.jobs.countRunning(ws)).toBe(3);
        // A refused launch leaves nothing: only the three recorded jobs hold objects.
        const prefixes = new Set((await store.list(`workspaces/${ws}/jobs/`)).map((o) => o.key.split('/')[3]));
        expect(prefixes.size).toBe(3);
        // The fast check refuses before the body: open() itself throws now.
        expect(await rejection(launch.open(ws))).toMatchObject({ kind: 'busy' });

        // One finishes: the next launch goes through.
        const [first] = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.jobId] : []));
        await db.sql`UPDATE "Job" SET status = 'processed' WHERE id = ${first}::uuid`;
        expect(await launchOne(launch)).toMatchObject({ status: 'waiting' });
      });
    });

    it("fails a file with its own stream's error when the stream fails, and aborts its S3 upload", async () => {
      const upload = await launcher(new FakeWorkflows()).open(WS);
      const gone = new Error('client went away');
      expect(await rejection(upload.addFile(failingCsv('cut.csv', gone)))).toBe(gone);
      await upload.discard();
      expect(await objectsOf(upload.jobId)).toEqual([]);
      expect(await incompleteUploadsOf(upload.jobId)).toEqual([]);
    });

    it('leaves no job row and no object when the workflow does not start', async () => {
      const workflows = new FakeWorkflows();
      workflows.refuse = true;
      const launch = launcher(workflows);
      const upload = await launch.open(WS);
      await upload.addFile(csv('a.csv', 'ts,sensor,value\n'));
      const error = await rejection(upload.launch({ dataset: dataset.name }));

      expect(error).toMatchObject({ kind: 'unavailable', message: 'Processing is unavailable right now (Temporal is not reachable); nothing was stored, please retry' });
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(await db.repositories.jobs.exists(WS, upload.jobId)).toBe(false);
      expect(await objectsOf(upload.jobId)).toEqual([]);
    });

    it('runs over files given up front, as a CLI would', async () => {
      const workflows = new FakeWorkflows();
      const result = await launcher(workflows).run(WS, [csv('x.csv', 'ts,sensor,value\nt,s,1\n')], { dataset: dataset.name });
      jobIds.push(result.jobId);
      expect(await objectsOf(result.jobId)).toHaveLength(1);
      expect(workflows.started.map((i) => i.jobId)).toEqual([result.jobId]);
    });
  });

  describe('RerunJob', () => {
    const rerun = (workflows: FakeWorkflows, legacy: LegacyJobInput | null = null) =>
      new RerunJob({ jobs: db.repositories.jobs, store, quota: quotaOf(), workflows, logger: quiet, startInputs: { startInput: async () => legacy } });

    /** A job launched through LaunchJob, then marked as `status`. */
    async function finishedJob(status: 'processed' | 'waiting' | 'expired'): Promise<string> {
      const { jobId } = await launcher(new FakeWorkflows()).run(WS, [csv('first.csv', 'ts,sensor,value\nt,s,1\n'), csv('second.csv', 'ts,sensor,value\nt,s,2\n')], {
        dataset: dataset.name,
        retentionHours: 5,
      });
      jobIds.push(jobId);
      if (status === 'expired') await db.repositories.jobs.markExpired(WS, jobId);
      else await db.sql`UPDATE "Job" SET status = ${status}::"JobStatus" WHERE id = ${jobId}::uuid`;
      return jobId;
    }

    it('reruns a finished job as a new job over copies of its files, with the same spec', async () => {
      const original = await finishedJob('processed');
      const workflows = new FakeWorkflows();
      const result = await rerun(workflows).run(WS, original);
      jobIds.push(result.jobId);

      expect(result).toEqual({ jobId: result.jobId, status: 'waiting', rerunOf: original });
      const [before, after] = [await db.repositories.jobs.stored(WS, original), await db.repositories.jobs.stored(WS, result.jobId)];
      expect(after).toMatchObject({ rootJobId: original, retentionHours: 5, spec: before?.spec });
      expect(await db.sql`SELECT "rerunOf"::text AS "rerunOf" FROM "Job" WHERE id = ${result.jobId}::uuid`).toEqual([{ rerunOf: original }]);
      expect(after?.files.map((f) => f.fileName)).toEqual(['first.csv', 'second.csv']);
      expect((await objectsOf(result.jobId)).sort()).toEqual(after?.files.map((f) => f.objectKey).sort());
      expect(await objectsOf(original)).toHaveLength(2);
      expect(workflows.started).toEqual([expect.objectContaining({ jobId: result.jobId, rootJobId: original, retentionMs: 5 * 3600_000 })]);
    });

    it('refuses what cannot be rerun: unknown, expired, still running', async () => {
      const workflows = new FakeWorkflows();
      const missing = randomUUID();
      expect(await rejection(rerun(workflows).run(WS, missing))).toMatchObject({ kind: 'not_found', message: `Job ${missing} not found` });
      const expired = await finishedJob('expired');
      expect(await rejection(rerun(workflows).run(WS, expired))).toMatchObject({
        kind: 'gone',
        message: `Job ${expired} has expired: its files were deleted after the retention period`,
      });
      const waiting = await finishedJob('waiting');
      expect(await rejection(rerun(workflows).run(WS, waiting))).toMatchObject({ kind: 'conflict', message: `Job ${waiting} is still waiting: rerun it once it has finished` });
      expect(workflows.started).toEqual([]);
    });

    it("deletes the copies and the row when the rerun's workflow does not start", async () => {
      const original = await finishedJob('processed');
      const workflows = new FakeWorkflows();
      workflows.refuse = true;
      const before = await db.jobIds();
      expect(await rejection(rerun(workflows).run(WS, original))).toMatchObject({ kind: 'unavailable' });
      const added = [...(await db.jobIds())].filter((id) => !before.has(id));
      expect(added).toEqual([]);
    });

    it("reads a job recorded before specs were stored from its workflow's start input", async () => {
      const original = await finishedJob('processed');
      await db.sql`UPDATE "Job" SET spec = NULL WHERE id = ${original}::uuid`;
      const workflows = new FakeWorkflows();
      const legacy = { jobId: original, dataset: dataset.name, files: [], retentionMs: 1, definition: dataset } as LegacyJobInput;
      const result = await rerun(workflows, legacy).run(WS, original);
      jobIds.push(result.jobId);
      expect(await db.repositories.jobs.spec(WS, result.jobId)).toEqual({ kind: 'dataset', dataset: { version: 1, definition: dataset }, delivery: null });

      await db.sql`UPDATE "Job" SET spec = NULL WHERE id = ${original}::uuid`;
      expect(await rejection(rerun(workflows, null).run(WS, original))).toMatchObject({
        kind: 'conflict',
        message: "The job's workflow history is gone, so its inputs cannot be read back",
      });
    });
  });

  describe('ClaimInbox', () => {
    const claim = () => new ClaimInbox({ jobs: db.repositories.jobs, jobSpecs: db.repositories.jobSpecs, store });
    const prefix = inboxPrefix(WS, dataset.name);

    it("moves the inbox's CSV files into a new job, and a retried claim returns the same job", async () => {
      await store.put(`${prefix}b.csv`, Readable.from(['ts,sensor,value\n']));
      await store.put(`${prefix}a.csv`, Readable.from(['ts,sensor,value\nt,s,1\n']));
      await store.put(`${prefix}notes.txt`, Readable.from(['not a csv']));
      const request = { workspaceId: WS, jobId: randomUUID(), scheduleId: `uc-${suffix}`, source: dataset.name, prefix, retentionMs: 2 * 3600_000 };
      jobIds.push(request.jobId);
      try {
        const claimed = await claim().run(request);
        expect(claimed).toMatchObject({ jobId: request.jobId, files: 2, input: { workspaceId: WS, jobId: request.jobId, dataset: dataset.name, retentionMs: 2 * 3600_000 } });
        const job = await db.repositories.jobs.stored(WS, request.jobId);
        expect(job?.files.map((f) => f.fileName)).toEqual(['a.csv', 'b.csv']);
        expect((await store.list(prefix)).map((o) => o.key)).toEqual([`${prefix}notes.txt`]);
        expect(await claim().run(request)).toEqual(claimed);
      } finally {
        await store.deletePrefix(prefix);
        await db.repositories.jobs.delete(WS, request.jobId);
      }
    });

    it("refuses a prefix outside the workspace's inboxes (another workspace's, job data), claiming nothing", async () => {
      const other = randomUUID();
      for (const outside of [inboxPrefix(other, dataset.name), `workspaces/${WS}/jobs/`, `${prefix}../../jobs/`]) {
        const jobId = randomUUID();
        const error = await rejection(claim().run({ workspaceId: WS, jobId, scheduleId: 'x', source: dataset.name, prefix: outside, retentionMs: 1 }));
        expect(error).toMatchObject({ kind: 'invalid', message: `Inbox prefix "${outside}" is outside the workspace's inboxes` });
        expect(await db.repositories.jobs.exists(WS, jobId)).toBe(false);
      }
    });

    it('refuses an unknown source as an invalid request', async () => {
      const error = await rejection(claim().run({ workspaceId: WS, jobId: randomUUID(), scheduleId: 'x', source: `nope_${suffix}`, prefix: 'inbox/nope/', retentionMs: 1 }));
      expect(error).toBeInstanceOf(JobRequestError);
      expect(error).toMatchObject({ kind: 'invalid', message: `Unknown dataset or pipeline "nope_${suffix}"` });
    });
  });
});
