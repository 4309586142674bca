import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { DatasetDefinition, JobSpec, WorkspaceView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID, workflowIdForJob } from '@sluice/contracts';
import { inboxPrefix, uploadKey } from '@sluice/storage';

import { anonymousFetch, sessionFetch } from './support/credentials';
import { type Member, signInWithLink, SluiceApp, startSluice } from './support/sluice-app';

type Decision = 'public' | 'read' | 'write' | 'admin';

/**
 * Every operation of the API and who may call it. The walk below fails when the OpenAPI document has an
 * operation this table does not decide (or the table names one that is gone): a new route needs a decision here.
 */
const DECISIONS: Record<string, Decision> = {
  'GET /health': 'public',
  'GET /api/auth/providers': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'POST /api/session': 'public',
  'POST /api/session/link': 'public',
  'GET /api/session': 'read',
  'DELETE /api/session': 'read',
  'PUT /api/session/workspace': 'read',
  'PUT /api/session/password': 'read',
  'GET /api/workspaces': 'read',
  'POST /api/workspaces': 'read',
  'GET /api/members': 'read',
  'POST /api/members': 'admin',
  'PATCH /api/members/{userId}': 'admin',
  'DELETE /api/members/{userId}': 'admin',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/{id}': 'admin',
  'GET /api/audit': 'admin',
  'POST /api/uploads': 'write',
  'GET /api/jobs': 'read',
  'GET /api/jobs/{id}': 'read',
  'GET /api/jobs/{id}/download': 'read',
  'POST /api/jobs/{id}/rerun': 'write',
  'GET /api/jobs/{id}/invalid-rows': 'read',
  'GET /api/jobs/{id}/merges': 'read',
  'GET /api/jobs/{id}/merges/corrections': 'read',
  'POST /api/jobs/{id}/merges/corrections': 'write',
  'DELETE /api/jobs/{id}/merges/corrections/{correctionId}': 'write',
  'PUT /api/jobs/{id}/rate': 'write',
  'GET /api/jobs/{id}/deliveries/failed': 'read',
  'POST /api/jobs/{id}/deliveries/retry-failed': 'write',
  'GET /api/events/jobs': 'read',
  'GET /api/datasets': 'read',
  'GET /api/datasets/export': 'read',
  'POST /api/datasets/import': 'write',
  'POST /api/datasets/detect': 'read',
  'GET /api/datasets/{name}': 'read',
  'PUT /api/datasets/{name}': 'write',
  'GET /api/datasets/{name}/versions': 'read',
  'GET /api/datasets/{name}/versions/{version}': 'read',
  'POST /api/datasets/{name}/versions/{version}/restore': 'write',
  'POST /api/datasets/{name}/synonyms': 'write',
  'POST /api/datasets/{name}/preview': 'read',
  'GET /api/pipelines': 'read',
  'POST /api/pipelines/check': 'read',
  'GET /api/pipelines/{name}': 'read',
  'PUT /api/pipelines/{name}': 'write',
  'GET /api/pipelines/{name}/versions': 'read',
  'GET /api/pipelines/{name}/versions/{version}': 'read',
  'DELETE /api/pipelines/{name}': 'write',
  'GET /api/metrics/sources': 'read',
  'GET /api/metrics/compare': 'read',
  'GET /api/metrics/compare.csv': 'read',
  'GET /api/metrics/series': 'read',
  'GET /api/schedules': 'read',
  'POST /api/schedules': 'write',
  'GET /api/schedules/{id}': 'read',
  'PATCH /api/schedules/{id}': 'write',
  'POST /api/schedules/{id}/trigger': 'write',
  'DELETE /api/schedules/{id}': 'write',
  'GET /api/storage': 'read',
  'GET /api/webhooks': 'read',
  'POST /api/webhooks': 'write',
  'POST /api/webhooks/test': 'write',
  'GET /api/webhooks/{id}': 'read',
  'POST /api/webhooks/{id}/rotate-secret': 'write',
};

/** Operations whose answer is about the caller, not a workspace's resources: they are not walked for other workspaces' ids. */
const CALLER_SCOPED = new Set([
  'GET /api/session',
  'DELETE /api/session',
  'PUT /api/session/workspace',
  'PUT /api/session/password',
  'GET /api/workspaces',
  'POST /api/workspaces',
]);
/** Create-or-replace by name: another workspace's name makes the caller's own copy, never touches the other's. */
const CREATES_OWN = new Set(['PUT /api/datasets/{name}', 'PUT /api/pipelines/{name}']);

interface Answer {
  status: number;
  text: string;
}

describe('every operation of the OpenAPI document, walked with and without credentials and across workspaces', () => {
  let app: SluiceApp;
  let operations: { method: string; path: string; key: string }[];
  let B: WorkspaceView;
  let viewerB: Member;
  let editorB: Member;
  let ownerB: Member;
  const suffix = randomUUID().slice(0, 8);
  const datasetA: DatasetDefinition = { name: `walk_a_${suffix.replace(/-/g, '')}`, label: 'Walk A', fields: [{ name: 'key', type: 'string', required: true }] };
  const pipelineA = `walk_pipe_${suffix.replace(/-/g, '')}`;
  const jobA = randomUUID();
  const uploadA = randomUUID();
  const endpointA = randomUUID();
  const scheduleA = `walk-a-${suffix}`;
  const correctionA = randomUUID();
  let tokenA: string;
  let ownerA: string;
  const keyA = () => uploadKey(DEFAULT_WORKSPACE_ID, jobA, uploadA, 'a.csv');
  /** What must never show in another workspace's answers. */
  const secretsOfA = () => [jobA, endpointA, scheduleA, datasetA.name, tokenA, correctionA, `hooks.example.com/walk-${suffix}`];

  /** A's ids for the path's parameters. */
  const pathOfA = (path: string) =>
    path
      .replace('{id}', path.startsWith('/api/webhooks') ? endpointA : path.startsWith('/api/schedules') ? scheduleA : path.startsWith('/api/tokens') ? tokenA : jobA)
      .replace('{name}', path.startsWith('/api/pipelines') ? pipelineA : datasetA.name)
      .replace('{version}', '1')
      .replace('{correctionId}', correctionA)
      .replace('{userId}', ownerA);

  const asMember = async (member: Member, method: string, path: string): Promise<Answer> => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
    const response = await sessionFetch(app.baseUrl, member.signedIn.jar, path, { method, body, signal: AbortSignal.timeout(10_000) });
    // The event stream never ends: its status is what matters.
    const text = path === '/api/events/jobs' ? '' : await response.text();
    if (path === '/api/events/jobs') await response.body?.cancel();
    return { status: response.status, text };
  };

  beforeAll(async () => {
    app = await startSluice();
    const doc = (await (await fetch(`${app.baseUrl}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );

    // Workspace A (the default one) holds a job, a webhook endpoint, a schedule, a dataset of its own and a token.
    const { datasets, pipelines, jobs, webhookEndpoints, schedules, jobSpecs } = app.db.repositories;
    await datasets.save(DEFAULT_WORKSPACE_ID, datasetA, 'test');
    await pipelines.save(DEFAULT_WORKSPACE_ID, { name: pipelineA, label: 'Walk pipe', base: datasetA.name, joins: [] });
    const endpoint = await webhookEndpoints.ensure(DEFAULT_WORKSPACE_ID, `https://hooks.example.com/walk-${suffix}`, { id: endpointA, secret: 'whsec_walk' });
    const resolved = await jobSpecs.dataset(DEFAULT_WORKSPACE_ID, datasetA.name);
    if (!resolved.ok) throw new Error('dataset of A does not resolve');
    const spec: JobSpec = resolved.spec;
    await app.store.put(keyA(), Readable.from(['key\nk\n']));
    await jobs.record(DEFAULT_WORKSPACE_ID, {
      id: jobA,
      workflowId: workflowIdForJob(jobA),
      dataset: datasetA.name,
      datasetVersion: 1,
      retentionHours: 1,
      files: [{ uploadId: uploadA, fileName: 'a.csv', objectKey: keyA(), sizeBytes: 6 }],
      delivery: { endpointId: endpoint.id, url: endpoint.url, rateLimit: 5, retryDelaysMs: [] },
      spec,
    });
    await app.db.sql`UPDATE "Job" SET status = 'processed', "finishedAt" = now(), "expiresAt" = now() + interval '1 hour' WHERE id = ${jobA}::uuid`;
    await app.db
      .sql`INSERT INTO "MergeCorrection" (id, "workspaceId", "rootJobId", correction) VALUES (${correctionA}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid, ${jobA}::uuid, '{"kind": "split", "records": [{"file": 0, "line": 2}]}'::jsonb)`;
    await schedules.create(DEFAULT_WORKSPACE_ID, {
      id: scheduleA,
      source: datasetA.name,
      prefix: inboxPrefix(DEFAULT_WORKSPACE_ID, datasetA.name),
      cron: '0 6 * * 1',
      timeZone: 'UTC',
      retentionHours: 1,
    });
    const tokens = (await (await fetch(`${app.baseUrl}/api/tokens`)).json()) as { id: string }[];
    tokenA = tokens[0].id;
    ownerA = app.owner.signedIn.session.user.id;

    // Workspace B, made by a new owner, with a viewer and an editor.
    const founder = await app.createMember(DEFAULT_WORKSPACE_ID, 'viewer');
    const made = await sessionFetch(app.baseUrl, founder.signedIn.jar, '/api/workspaces', { method: 'POST', body: JSON.stringify({ name: `Walk B ${suffix}` }) });
    expect(made.status).toBe(201);
    B = (await made.json()) as WorkspaceView;
    const switched = await sessionFetch(app.baseUrl, founder.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId: B.id }) });
    expect(switched.status).toBe(200);
    ownerB = founder;
    const add = async (role: 'viewer' | 'editor'): Promise<Member> => {
      const email = `walk-${role}-${suffix}@example.com`;
      const added = await sessionFetch(app.baseUrl, founder.signedIn.jar, '/api/members', { method: 'POST', body: JSON.stringify({ email, role }) });
      expect(added.status).toBe(201);
      const { user, signInLink } = (await added.json()) as { user: { id: string }; signInLink: string };
      const member = await signInWithLink(app.baseUrl, signInLink);
      expect(member.signedIn.session.workspace.id).toBe(B.id);
      return { ...member, userId: user.id, email };
    };
    viewerB = await add('viewer');
    editorB = await add('editor');
  });

  afterAll(async () => {
    if (!app) return;
    await app.store.deleteKeys([keyA()]).catch(() => undefined);
    await app.db.sql`DELETE FROM "Job" WHERE id = ${jobA}::uuid`;
    await app.db.sql`DELETE FROM "InboxSchedule" WHERE id = ${scheduleA}`;
    await app.db.sql`DELETE FROM "WebhookEndpoint" WHERE id = ${endpointA}::uuid`;
    await app.db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${DEFAULT_WORKSPACE_ID}::uuid AND name = ${pipelineA}`;
    await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${DEFAULT_WORKSPACE_ID}::uuid AND name = ${datasetA.name}`;
    if (B) {
      // Workspace B's own preset copies first: configurations keep a workspace from being deleted.
      await app.db.sql`DELETE FROM "PipelineConfig" WHERE "workspaceId" = ${B.id}::uuid`;
      await app.db.sql`DELETE FROM "DatasetConfig" WHERE "workspaceId" = ${B.id}::uuid`;
      await app.db.sql`DELETE FROM "Workspace" WHERE id = ${B.id}::uuid`;
    }
    await app.close();
  });

  it('decides every operation of the document, and only those', () => {
    const documented = operations.map((o) => o.key).sort();
    expect(documented).toEqual(Object.keys(DECISIONS).sort());
  });

  it('answers 401 to every operation without credentials, except the public ones', async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      if (DECISIONS[key] === 'public') continue;
      const response = await anonymousFetch(`${app.baseUrl}${pathOfA(path)}`, {
        method,
        headers: { 'content-type': 'application/json', origin: app.baseUrl, 'sec-fetch-site': 'same-origin' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      const text = await response.text();
      if (response.status !== 401 || secretsOfA().some((s) => text.includes(s))) wrong.push(`${key}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers a viewer of workspace B 404 for workspace A's resources and never shows A's data", async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      if (DECISIONS[key] !== 'read' || CALLER_SCOPED.has(key)) continue;
      const { status, text } = await asMember(viewerB, method, pathOfA(path));
      // An id in the path must read as missing (a 404 may repeat the id asked for); a list must leave A's out.
      const expected = path.includes('{') ? status === 404 : status < 500 && status !== 401 && status !== 403;
      const shown = status === 404 ? [] : secretsOfA().filter((s) => text.includes(s));
      if (!expected || shown.length) wrong.push(`${key}: ${status}${shown.length ? ` (shows ${shown.join(', ')})` : ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every write of a viewer with 403, and every admin operation of an editor with 403', async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      const decision = DECISIONS[key];
      if (decision === 'write' || decision === 'admin') {
        const { status } = await asMember(viewerB, method, pathOfA(path));
        if (status !== 403) wrong.push(`viewer ${key}: ${status}`);
      }
      if (decision === 'admin') {
        const { status } = await asMember(editorB, method, pathOfA(path));
        if (status !== 403) wrong.push(`editor ${key}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("never lets an editor or owner of workspace B change workspace A's resources", async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      const decision = DECISIONS[key];
      if ((decision !== 'write' && decision !== 'admin') || !path.includes('{') || CREATES_OWN.has(key)) continue;
      const { status, text } = await asMember(decision === 'admin' ? ownerB : editorB, method, pathOfA(path));
      // A body the route refuses (400) before it looks anything up is as safe as the 404 it would give.
      if ((status !== 404 && status !== 400) || (status !== 404 && secretsOfA().some((s) => text.includes(s)))) wrong.push(`${key}: ${status} ${text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    // A's resources are still there, unchanged.
    expect((await fetch(`${app.baseUrl}/api/jobs/${jobA}`)).status).toBe(200);
    expect(await app.db.sql`SELECT id FROM "MergeCorrection" WHERE id = ${correctionA}::uuid`).toHaveLength(1);
    expect((await fetch(`${app.baseUrl}/api/schedules/${scheduleA}`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/datasets/${datasetA.name}`)).status).toBe(200);
    const tokens = (await (await fetch(`${app.baseUrl}/api/tokens`)).json()) as { id: string; revokedAt: string | null }[];
    expect(tokens.find((t) => t.id === tokenA)?.revokedAt).toBeNull();
  });
});
