import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

import type { DatasetDefinition, StorageUsageView, WorkspaceView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import { type Member, SluiceApp, startSluice } from './support/sluice-app';
import { sessionFetch } from './support/credentials';

/**
 * A workspace's limits through the API, as its editor meets them: the defaults seed 002 names, a
 * workspace's own overrides, and the refusals' statuses and sentences. The jobs-at-once race is
 * covered where the lock lives (job-use-cases.spec.ts).
 */
describe("a workspace's limits", () => {
  let app: SluiceApp;
  let ws: string;
  let editor: Member;
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .padEnd(8, 'x')
    .slice(0, 8);
  const dataset: DatasetDefinition = {
    name: `limits_${suffix}`,
    label: 'Limited',
    fields: [
      { name: 'key', type: 'string', required: true },
      { name: 'value', type: 'int', required: false },
    ],
  };

  const uploadAs = async (files: { name: string; content: string }[], fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('dataset', dataset.name);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append('files', new Blob([file.content]), file.name);
    const response = await sessionFetch(app.baseUrl, editor.signedIn.jar, '/api/uploads', { method: 'POST', body: form });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** As a script on Node's own client sends it: writing the whole body while the answer arrives. */
  const uploadWithNodeHttp = async (files: { name: string; content: string }[]) => {
    const form = new FormData();
    form.append('dataset', dataset.name);
    for (const file of files) form.append('files', new Blob([file.content]), file.name);
    const encoded = new Request(app.baseUrl, { method: 'POST', body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const headers: Record<string, string> = {
      'content-type': encoded.headers.get('content-type') ?? '',
      'content-length': String(body.length),
      cookie: editor.signedIn.jar.header(),
    };
    const xsrf = editor.signedIn.jar.get('XSRF-TOKEN');
    Object.assign(headers, { origin: app.baseUrl, 'sec-fetch-site': 'same-origin' }, xsrf ? { 'x-xsrf-token': decodeURIComponent(xsrf) } : {});
    return new Promise<{ status?: number; message?: string; clientError: string | null }>((resolve) => {
      const outcome: { status?: number; message?: string; clientError: string | null } = { clientError: null };
      const request = httpRequest(`${app.baseUrl}/api/uploads`, { method: 'POST', headers }, (response) => {
        outcome.status = response.statusCode;
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => (outcome.message = (JSON.parse(text) as { message: string }).message));
      });
      request.on('error', (error: NodeJS.ErrnoException) => (outcome.clientError = error.code ?? error.message));
      request.once('socket', (socket) => socket.once('close', () => setTimeout(() => resolve(outcome), 50)));
      request.end(body);
    });
  };
  const storage = async () => {
    const response = await sessionFetch(app.baseUrl, editor.signedIn.jar, '/api/storage');
    expect(response.status).toBe(200);
    return (await response.json()) as StorageUsageView;
  };
  const small = (name = 'a.csv') => ({ name, content: 'key,value\nk1,1\nk2,2\n' });
  const waitUntilFinished = async (jobId: string) => {
    for (let i = 0; i < 200; i++) {
      const [job] = await app.db.sql<{ status: string }>`SELECT status::text FROM "Job" WHERE id = ${jobId}::uuid`;
      if (job && !['waiting', 'processing'].includes(job.status)) return job.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Job ${jobId} did not finish`);
  };

  beforeAll(async () => {
    // The product's defaults, not the raised ones the other suites share (see SHARED_WORKSPACE_LIMITS).
    app = await startSluice({ MAX_CONCURRENT_JOBS: '3', MAX_STORAGE_MB: '100' });
    // A workspace of its own, made by a new member as anyone signed in may.
    editor = await app.createMember(DEFAULT_WORKSPACE_ID, 'viewer');
    const made = await sessionFetch(app.baseUrl, editor.signedIn.jar, '/api/workspaces', { method: 'POST', body: JSON.stringify({ name: `Limits ${suffix}` }) });
    expect(made.status).toBe(201);
    ws = ((await made.json()) as WorkspaceView).id;
    const switched = await sessionFetch(app.baseUrl, editor.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId: ws }) });
    expect(switched.status).toBe(200);
    await app.db.repositories.datasets.save(ws, dataset, 'test');
  });

  afterAll(async () => {
    if (!app) return;
    await app.db.sql`DELETE FROM "Job" WHERE "workspaceId" = ${ws}::uuid`;
    await app.store.deletePrefix(`workspaces/${ws}/`);
    await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${ws}::uuid`;
    await app.db.sql`DELETE FROM "AuditEvent" WHERE "workspaceId" = ${ws}::uuid`;
    await app.db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${ws}::uuid`;
    await app.db.sql`DELETE FROM "Workspace" WHERE id = ${ws}::uuid`;
    await app.close();
  });

  it("reports the limits (seed 002's, the defaults) and what the workspace uses of them on GET /api/storage", async () => {
    const usage = await storage();
    expect(usage.quota).toEqual({
      limits: { concurrentJobs: 3, filesPerUpload: 10, storageBytes: 100 * 1024 * 1024, retentionHours: 48 },
      runningJobs: 0,
      storageBytes: 0,
    });
    const created = await uploadAs([small()]);
    expect(created.status).toBe(202);
    await waitUntilFinished(created.body['jobId'] as string);
    const after = await storage();
    expect(after.quota.storageBytes).toBeGreaterThan(0);
    expect(after.quota.storageBytes).toBe(after.bytes + after.inbox.bytes + after.incompleteUploads.bytes);
  });

  it('refuses the eleventh file of an upload, naming the limit, and stores none of them', async () => {
    const before = (await storage()).objects;
    const refused = await uploadAs(Array.from({ length: 11 }, (_, i) => small(`f${i}.csv`)));
    expect(refused).toEqual({
      status: 400,
      body: expect.objectContaining({ message: 'Too many files: at most 10 per upload in this workspace, counting each CSV file inside a .zip' }),
    });
    expect((await storage()).objects).toBe(before);
  });

  it("applies the workspace's overrides: fewer files, a shorter retention, less storage", async () => {
    await app.db.repositories.workspaces.setLimitOverrides(ws, { filesPerUpload: 2, retentionHours: 12 });
    expect((await storage()).quota.limits).toEqual({ concurrentJobs: 3, filesPerUpload: 2, storageBytes: 100 * 1024 * 1024, retentionHours: 12 });
    expect((await uploadAs([small('a.csv'), small('b.csv'), small('c.csv')])).body['message']).toBe(
      'Too many files: at most 2 per upload in this workspace, counting each CSV file inside a .zip',
    );
    expect(await uploadAs([small()], { retentionHours: '24' })).toEqual({
      status: 400,
      body: expect.objectContaining({ message: 'retentionHours must be a number above 0 and at most 12' }),
    });
    const kept = await uploadAs([small()]);
    expect(kept.status).toBe(202);
    const [job] = await app.db.sql<{ retentionHours: number }>`SELECT "retentionHours" FROM "Job" WHERE id = ${kept.body['jobId'] as string}::uuid`;
    expect(job.retentionHours).toBe(12);
    await waitUntilFinished(kept.body['jobId'] as string);

    const stored = (await storage()).quota.storageBytes;
    await app.db.repositories.workspaces.setLimitOverrides(ws, { storageBytes: stored + 50 });
    const tooBig = await uploadAs([{ name: 'big.csv', content: `key,value\n${'k,1\n'.repeat(1000)}` }]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({
      limit: 'storageBytes',
      allowed: stored + 50,
      message: expect.stringMatching(
        /^This workspace's storage limit of \d+ KB would be passed \(\d+ KB stored\): delete jobs you no longer need or wait for retention to remove old ones, then upload again$/,
      ),
    });
    expect((await storage()).quota.storageBytes).toBe(stored);
    await app.db.repositories.workspaces.setLimitOverrides(ws, {});
  });

  it('answers 429 with a clear sentence while the workspace runs as many jobs as it may, for uploads and reruns, and accepts again once one finishes', async () => {
    await app.db.repositories.workspaces.setLimitOverrides(ws, { concurrentJobs: 1 });
    const finished = await app.db.sql<{ id: string }>`SELECT id FROM "Job" WHERE "workspaceId" = ${ws}::uuid ORDER BY "createdAt" LIMIT 1`;
    // A job that is still processing (held there for the test: real jobs here finish in a moment).
    await app.db.sql`UPDATE "Job" SET status = 'processing' WHERE id = ${finished[0].id}::uuid`;
    const message = 'This workspace already has 1 job waiting or processing, its limit of 1 at once: wait for one to finish, then try again';
    expect(await uploadAs([small()])).toEqual({ status: 429, body: expect.objectContaining({ statusCode: 429, message, limit: 'concurrentJobs', allowed: 1, running: 1 }) });
    const other = await app.db.sql<{ id: string }>`SELECT id FROM "Job" WHERE "workspaceId" = ${ws}::uuid AND id <> ${finished[0].id}::uuid LIMIT 1`;
    const rerun = await sessionFetch(app.baseUrl, editor.signedIn.jar, `/api/jobs/${other[0].id}/rerun`, { method: 'POST' });
    expect(rerun.status).toBe(429);
    expect(((await rerun.json()) as { message: string }).message).toBe(message);
    expect((await storage()).quota.runningJobs).toBe(1);

    // Refused before its body is read, which is still read (and dropped) so a client writing it reads the answer, never a reset.
    const large = { name: 'large.csv', content: `key,value\n${'k,1\n'.repeat(6_000_000)}` };
    for (let attempt = 0; attempt < 3; attempt++) expect(await uploadWithNodeHttp([large])).toEqual({ status: 429, message, clientError: null });

    await app.db.sql`UPDATE "Job" SET status = 'processed' WHERE id = ${finished[0].id}::uuid`;
    const accepted = await uploadAs([small()]);
    expect(accepted.status).toBe(202);
    await waitUntilFinished(accepted.body['jobId'] as string);
    await app.db.repositories.workspaces.setLimitOverrides(ws, {});
  });
});
