import { Readable } from 'node:stream';

import type { ComparisonView, JobDetailView, ScheduleView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, INBOX_JOB_WORKFLOW } from '@sluice/contracts';
import { inboxPrefix, inboxRoot } from '@sluice/storage';

import { getJob, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

const TRANSACTIONS = [
  'User ID,Region,Model,Tokens,Amount,Created At',
  'u1,EMEA,gpt-x,1000,1.50,2026-03-02T10:00:00Z',
  'u2,AMER,gpt-x,500,0.75,2026-03-03T11:00:00Z',
  'u1,EMEA,claude-y,2000,3.00,2026-03-04T12:00:00Z',
].join('\n');
const MORE = ['user,region,model_name,token_count,cost,timestamp', 'u3,APAC,gpt-x,100,0.25,2026-03-05T09:00:00Z'].join('\n');

/** The test stack acts as the default workspace: its inboxes sit under the workspace's prefix. */
const INBOX = inboxPrefix(DEFAULT_WORKSPACE_ID, 'transactions');

describe('inbox schedules (Temporal Schedules) through REST', () => {
  let app: SluiceApp;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.baseUrl}/api/schedules${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };

  /** Waits for the schedule's newest job to be a job other than `known`, and to finish. */
  async function nextJob(id: string, known: string[]): Promise<JobDetailView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await call<ScheduleView>('GET', `/${id}`);
      const fresh = body.recentJobs.find((j) => !known.includes(j.id));
      if (fresh) return waitForStatus(app.baseUrl, fresh.id, ['processed', 'partial', 'failed', 'no_files']);
      if (Date.now() > deadline) throw new Error(`Schedule ${id} started no job`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('creates, triggers, pauses, resumes and deletes a schedule that turns its inbox into one job per run', async () => {
    const created = await call<ScheduleView>('POST', '', { source: 'transactions', paused: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'transactions-inbox',
      source: 'transactions',
      prefix: INBOX,
      cron: '0 6 * * 1',
      timeZone: 'UTC',
      paused: true,
      filesWaiting: 0,
    });
    const described = await app.temporal.schedule.getHandle('transactions-inbox').describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: INBOX_JOB_WORKFLOW });

    await app.store.put(`${INBOX}week-10.csv`, Readable.from([TRANSACTIONS]));
    await app.store.put(`${INBOX}late/extra.csv`, Readable.from([MORE]));
    await app.store.put(`${INBOX}notes.txt`, Readable.from(['not a CSV']));
    expect((await call<ScheduleView>('GET', '/transactions-inbox')).body.filesWaiting).toBe(2);

    // Paused schedules still run when triggered.
    expect((await call('POST', '/transactions-inbox/trigger')).status).toBe(202);
    const job = await nextJob('transactions-inbox', []);
    expect(job).toMatchObject({ status: 'processed', dataset: 'transactions', scheduleId: 'transactions-inbox', validRows: 4 });
    expect(job.files.map((f) => f.fileName).sort()).toEqual(['extra.csv', 'week-10.csv']);
    expect((await app.store.list(INBOX)).map((o) => o.key)).toEqual([`${INBOX}notes.txt`]);

    const revenue = await fetch(`${app.baseUrl}/api/metrics/compare?source=transactions&metric=revenue&granularity=week&from=2026-03-02&to=2026-03-08`);
    expect(((await revenue.json()) as ComparisonView).kpi).toMatchObject({ period: '2026-W10', current: 5.5, previous: null });

    // The job's workflow is findable by its search attributes in Temporal (and so in Temporal UI).
    const query = `SluiceDataset = 'transactions' AND SluiceStatus = 'processed'`;
    const deadline = Date.now() + 15_000;
    let found: string[] = [];
    while (!found.includes(job.workflowId) && Date.now() < deadline) {
      found = [];
      for await (const execution of app.temporal.workflow.list({ query })) found.push(execution.workflowId);
      if (!found.includes(job.workflowId)) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(found).toContain(job.workflowId);

    // An empty inbox gives a job that says so, not a failure.
    await call('POST', '/transactions-inbox/trigger');
    const empty = await nextJob('transactions-inbox', [job.id]);
    expect(empty).toMatchObject({ status: 'no_files', error: 'No files: the inbox was empty', files: [], scheduleId: 'transactions-inbox' });
    expect((await getJob(app.baseUrl, job.id)).status).toBe('processed');

    const resumed = await call<ScheduleView>('PATCH', '/transactions-inbox', { paused: false, cron: '30 7 * * 1', timeZone: 'Europe/Berlin' });
    expect(resumed.body).toMatchObject({ paused: false, cron: '30 7 * * 1', timeZone: 'Europe/Berlin' });
    const next = new Date(resumed.body.nextRuns[0]);
    expect(next.getUTCDay()).toBe(1);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('07:30');
    expect(resumed.body.recentRuns.length).toBeGreaterThanOrEqual(2);

    expect((await call('DELETE', '/transactions-inbox')).status).toBe(204);
    expect((await call('GET', '/transactions-inbox')).status).toBe(404);
    await expect(app.temporal.schedule.getHandle('transactions-inbox').describe()).rejects.toThrow();
  });

  it('refuses bad schedules with 400 or 409 and a message', async () => {
    const message = async (status: number, method: string, path: string, body?: unknown) => {
      const response = await call<{ message: string | string[] }>(method, path, body);
      expect(response.status).toBe(status);
      return ([] as string[]).concat(response.body.message).join('; ');
    };
    expect(await message(400, 'POST', '', { source: 'nope' })).toBe('Unknown dataset or pipeline "nope"');
    expect(await message(400, 'POST', '', { source: 'transactions', timeZone: 'Mars/Base' })).toBe('timeZone "Mars/Base" is not a known IANA time zone');
    expect(await message(400, 'POST', '', { source: 'transactions', id: 'Bad Id' })).toBe('id must be lower case letters, digits and dashes (at most 63)');
    expect(await message(400, 'POST', '', { source: 'transactions', id: 'bad-cron', cron: 'every tuesday' })).toMatch(/^Temporal refused the schedule: /);
    expect((await call('GET', '/bad-cron')).status).toBe(404);
    expect((await call('POST', '', { source: 'email_engagement', id: 'email-weekly', paused: true })).status).toBe(201);
    expect(await message(409, 'POST', '', { source: 'email_engagement', id: 'email-weekly' })).toBe('Schedule "email-weekly" exists already');
    expect(await message(404, 'PATCH', '/nope', { paused: true })).toBe('Schedule "nope" not found');
    await call('DELETE', '/email-weekly');
    // A prefix may not leave the workspace's inbox: not to another workspace's, nor to job data.
    const other = '0000000b-0000-4000-8000-00000000000b';
    for (const prefix of [`workspaces/${other}/inbox/transactions`, `workspaces/${DEFAULT_WORKSPACE_ID}/jobs/`, 'jobs/', '../jobs', 'a/../../b']) {
      expect(await message(400, 'POST', '', { source: 'transactions', id: 'escape', prefix })).toBe(
        `prefix "${prefix}" leaves the workspace's inbox: give a folder inside it, such as "transactions/weekly"`,
      );
    }
    expect((await call('GET', '/escape')).status).toBe(404);
  });

  it("puts a given prefix inside the workspace's inbox", async () => {
    const created = await call<ScheduleView>('POST', '', { source: 'transactions', id: 'tx-weekly', prefix: 'finance/weekly', paused: true });
    expect(created).toMatchObject({ status: 201, body: { prefix: `${inboxRoot(DEFAULT_WORKSPACE_ID)}finance/weekly/` } });
    const described = await app.temporal.schedule.getHandle('tx-weekly').describe();
    expect(described.action).toMatchObject({ args: [expect.objectContaining({ workspaceId: DEFAULT_WORKSPACE_ID, prefix: `${inboxRoot(DEFAULT_WORKSPACE_ID)}finance/weekly/` })] });
    expect((await call('DELETE', '/tx-weekly')).status).toBe(204);
  });

  it('takes a schedule id again as soon as the schedule of that id is deleted', async () => {
    for (let round = 0; round < 3; round++) {
      const created = await call<{ message?: string }>('POST', '', { source: 'people', id: 'people-again', paused: true });
      expect(created).toMatchObject({ status: 201 });
      expect((await call('DELETE', '/people-again')).status).toBe(204);
    }
    await expect(app.temporal.schedule.getHandle('people-again').describe()).rejects.toThrow();
  });
});
