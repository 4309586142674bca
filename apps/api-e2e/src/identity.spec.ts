/* eslint-disable @typescript-eslint/no-require-imports -- the Prisma runner (tools/prisma) is plain CommonJS, loaded by path */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { ApiTokenView, CreatedApiTokenView, MemberView, SessionView, WorkspaceView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { Client as PgClient } from 'pg';

import { anonymousFetch, CookieJar, linkSecret, type SignedIn, sessionFetch } from './support/credentials';
import { type Member, type SluiceApp, startSluice } from './support/sluice-app';

const ROOT = join(__dirname, '../../..');
const SIGN_IN_FIRST = { statusCode: 401, message: 'Sign in first: no valid session or API token' };
const PASSWORD = 'correct horse battery staple';

/** A request with exactly these headers: no token added by the harness. */
const bare = (url: string, init: RequestInit = {}) => anonymousFetch(url, init);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A database of its own, migrated and empty, on the test stack's Postgres. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env['DATABASE_URL'] as string);
  const name = `sluice_first_run_${randomUUID().slice(0, 8)}`;
  const server = new URL(base.href);
  server.pathname = '/postgres';
  const client = new PgClient({ connectionString: server.href });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  const { runPrisma } = require(join(ROOT, 'tools/prisma/engine-env.js'));
  runPrisma(['migrate', 'deploy'], { env: { DATABASE_URL: url.href } });
  return {
    url: url.href,
    drop: async () => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

describe('first run on an empty database', () => {
  let app: SluiceApp;
  let fresh: { url: string; drop: () => Promise<void> };
  const databaseUrl = process.env['DATABASE_URL'] as string;

  beforeAll(async () => {
    fresh = await emptyDatabase();
    app = await startSluice({ DATABASE_URL: fresh.url, SIGN_IN_ATTEMPTS_PER_IP: '3' });
  });

  afterAll(async () => {
    await app?.close();
    process.env['DATABASE_URL'] = databaseUrl;
    delete process.env['SIGN_IN_ATTEMPTS_PER_IP'];
    await fresh?.drop();
  });

  it('creates the owner of the default workspace and logs a one-time link that works once', async () => {
    expect(app.firstRunLink).toMatch(/^http:\/\/127\.0\.0\.1:3000\/sign-in#link=[A-Za-z0-9_-]{43}$/);
    // The harness signed in with it: the owner of the default workspace.
    const session = await json<SessionView>(await bare(`${app.baseUrl}/api/session`, { headers: { cookie: app.owner.cookie } }));
    expect(session.user.email).toBe('owner@localhost');
    expect(session.workspace).toEqual({ id: DEFAULT_WORKSPACE_ID, name: 'Default', role: 'owner' });

    const again = await bare(`${app.baseUrl}/api/session/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: linkSecret(app.firstRunLink as string) }),
    });
    expect(again.status).toBe(401);
    expect((await json<{ message: string }>(again)).message).toMatch(/This sign-in link was used already/);
  });

  it('throttles password sign-ins per address with 429 and Retry-After', async () => {
    const attempt = () =>
      bare(`${app.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json<{ message: string }>(refused)).message).toMatch(/Too many sign-in attempts from this address: try again in \d+ seconds/);
  });
});

describe('identity: sign-in, sessions, tokens, members and workspaces', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(async () => {
    await app?.close();
  });

  const signInWithPassword = (email: string, password: string) =>
    bare(`${app.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  /** A member of the default workspace who has set a password. */
  async function memberWithPassword(role: 'editor' | 'viewer' = 'editor'): Promise<Member> {
    const member = await app.createMember(DEFAULT_WORKSPACE_ID, role);
    const set = await sessionFetch(app.baseUrl, member.signedIn.jar, '/api/session/password', { method: 'PUT', body: JSON.stringify({ newPassword: PASSWORD }) });
    expect(set.status).toBe(204);
    return member;
  }

  async function passwordSession(email: string): Promise<SignedIn> {
    const response = await signInWithPassword(email, PASSWORD);
    expect(response.status).toBe(200);
    const jar = new CookieJar();
    jar.take(response);
    return { jar, cookie: jar.header(), session: await json<SessionView>(response) };
  }

  describe('without credentials', () => {
    it('answers 401 with the sentence that says what to do, and public routes still answer', async () => {
      for (const [path, headers] of [
        ['/api/jobs', {}],
        ['/api/session', {}],
        ['/api/tokens', bearer('slu_not-a-token')],
        ['/api/jobs', bearer(`slu_${'A'.repeat(43)}`)],
        ['/api/jobs', { cookie: 'sluice_session=forged' }],
      ] as const) {
        const response = await bare(`${app.baseUrl}${path}`, { headers });
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject(SIGN_IN_FIRST);
      }
      expect((await bare(`${app.baseUrl}/api/auth/providers`)).status).toBe(200);
      expect(await json(await bare(`${app.baseUrl}/api/auth/providers`))).toEqual({ password: true, oidc: null });
      expect([200, 503]).toContain((await bare(`${app.baseUrl}/health`)).status);
    });

    it('declares the bearer token and the session cookie in OpenAPI', async () => {
      const document = await json<{ components: { securitySchemes: Record<string, unknown> } }>(await bare(`${app.baseUrl}/docs-json`));
      expect(document.components.securitySchemes).toEqual({
        token: { type: 'http', scheme: 'bearer', bearerFormat: 'slu_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'sluice_session' },
      });
    });
  });

  describe('password sign-in', () => {
    it('signs in with the right password, with a cookie that is HttpOnly, SameSite=Lax and not Secure over http', async () => {
      const member = await memberWithPassword();
      const response = await signInWithPassword(member.email, PASSWORD);
      expect(response.status).toBe(200);
      const session = await json<SessionView>(response);
      expect(session.user).toMatchObject({ email: member.email, hasPassword: true });
      expect(session.workspace.id).toBe(DEFAULT_WORKSPACE_ID);
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('sluice_session='));
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      // Only the cookie's SHA-256 is stored.
      const secret = (cookie as string).split(';')[0].split('=')[1];
      expect(await app.db.sql`SELECT 1 FROM "Session" WHERE "tokenHash" = ${secret}`).toEqual([]);
    });

    it('clears sessions that have expired whenever someone signs in, and only those', async () => {
      const member = await memberWithPassword();
      const userId = (await passwordSession(member.email)).session.user.id;
      const expired = randomUUID();
      await app.db
        .sql`INSERT INTO "Session" (id, "tokenHash", "userId", "workspaceId", "expiresAt") VALUES (${expired}::uuid, ${`expired-${expired}`}, ${userId}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid, now() - interval '1 minute')`;
      await passwordSession(member.email);
      expect(await app.db.sql`SELECT 1 FROM "Session" WHERE id = ${expired}::uuid`).toEqual([]);
      // The member's own sessions: the one made by the invitation link and the two password sign-ins.
      expect(await app.db.sql`SELECT 1 FROM "Session" WHERE "userId" = ${userId}::uuid AND "expiresAt" > now()`).toHaveLength(3);
    });

    it('refuses a wrong password, or an unknown email, with the same sentence', async () => {
      const member = await memberWithPassword();
      for (const [email, password] of [
        [member.email, 'not the password'],
        ['nobody-here@example.com', PASSWORD],
      ]) {
        const response = await signInWithPassword(email, password);
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ statusCode: 401, message: 'Wrong email or password' });
        expect(response.headers.getSetCookie()).toEqual([]);
      }
    });

    it('locks the account after five wrong passwords, saying until when, even for the right one', async () => {
      const member = await memberWithPassword();
      for (let i = 0; i < 4; i++) expect((await signInWithPassword(member.email, 'wrong password')).status).toBe(401);
      const before = Date.now();
      const locked = await signInWithPassword(member.email, 'wrong password');
      expect(locked.status).toBe(423);
      const { message } = await json<{ message: string }>(locked);
      const until = new Date(/locked until (\S+) \(in 15 minutes\)/.exec(message)?.[1] ?? 'none');
      expect(until.getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
      expect(until.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);

      const right = await signInWithPassword(member.email, PASSWORD);
      expect(right.status).toBe(423);
      expect((await json<{ message: string }>(right)).message).toContain(`locked until ${until.toISOString()}`);
      // An owner's sign-in link still lets them in, and lifts the lock.
      await app.signIn(member.email);
      expect((await signInWithPassword(member.email, PASSWORD)).status).toBe(200);
    });

    it('signs out: the session ends and its cookie is cleared', async () => {
      const member = await memberWithPassword();
      const signedIn = await passwordSession(member.email);
      const out = await sessionFetch(app.baseUrl, signedIn.jar, '/api/session', { method: 'DELETE' });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().find((line) => line.startsWith('sluice_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      const after = await bare(`${app.baseUrl}/api/session`, { headers: { cookie: signedIn.cookie } });
      expect(after.status).toBe(401);
      expect(await after.json()).toMatchObject(SIGN_IN_FIRST);
    });

    it('changes the password with the current one, ending every other session', async () => {
      const member = await memberWithPassword();
      const here = await passwordSession(member.email);
      const elsewhere = await passwordSession(member.email);

      const wrong = await sessionFetch(app.baseUrl, here.jar, '/api/session/password', {
        method: 'PUT',
        body: JSON.stringify({ currentPassword: 'not it', newPassword: 'another long password' }),
      });
      expect(wrong.status).toBe(403);
      const short = await sessionFetch(app.baseUrl, here.jar, '/api/session/password', {
        method: 'PUT',
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'short' }),
      });
      expect(short.status).toBe(400);
      expect((await json<{ message: string }>(short)).message).toBe('The new password needs at least 12 characters');

      const changed = await sessionFetch(app.baseUrl, here.jar, '/api/session/password', {
        method: 'PUT',
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'another long password' }),
      });
      expect(changed.status).toBe(204);
      expect((await bare(`${app.baseUrl}/api/session`, { headers: { cookie: here.cookie } })).status).toBe(200);
      expect((await bare(`${app.baseUrl}/api/session`, { headers: { cookie: elsewhere.cookie } })).status).toBe(401);
      expect((await signInWithPassword(member.email, PASSWORD)).status).toBe(401);
      expect((await signInWithPassword(member.email, 'another long password')).status).toBe(200);
    });
  });

  describe('API tokens', () => {
    const createToken = (signedIn: SignedIn, body: Record<string, unknown>) =>
      sessionFetch(app.baseUrl, signedIn.jar, '/api/tokens', { method: 'POST', body: JSON.stringify(body) });

    it('are shown once, work, record their last use, and stop working once revoked', async () => {
      const response = await createToken(app.owner.signedIn, { name: 'nightly import', scopes: ['write'], expiresInDays: 30 });
      expect(response.status).toBe(201);
      const created = await json<CreatedApiTokenView>(response);
      expect(created.token).toMatch(/^slu_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({
        name: 'nightly import',
        scopes: ['write'],
        prefix: created.token.slice(0, 12),
        createdBy: app.owner.email,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(new Date(created.expiresAt as string).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

      const listed = (await json<ApiTokenView[]>(await bare(`${app.baseUrl}/api/tokens`, { headers: bearer(app.owner.token as string) }))).find((t) => t.id === created.id);
      expect(listed).toBeDefined();
      expect(listed).not.toHaveProperty('token');
      expect(JSON.stringify(listed)).not.toContain(created.token);
      expect(await app.db.sql`SELECT 1 FROM "ApiToken" WHERE "tokenHash" = ${created.token}`).toEqual([]);

      const used = await bare(`${app.baseUrl}/api/jobs`, { headers: bearer(created.token) });
      expect(used.status).toBe(200);
      const afterUse = (await json<ApiTokenView[]>(await bare(`${app.baseUrl}/api/tokens`, { headers: bearer(app.owner.token as string) }))).find((t) => t.id === created.id);
      expect(afterUse?.lastUsedAt).not.toBeNull();

      const revoked = await sessionFetch(app.baseUrl, app.owner.signedIn.jar, `/api/tokens/${created.id}`, { method: 'DELETE' });
      expect(revoked.status).toBe(204);
      const refused = await bare(`${app.baseUrl}/api/jobs`, { headers: bearer(created.token) });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ statusCode: 401, message: 'API token revoked' });
      expect((await sessionFetch(app.baseUrl, app.owner.signedIn.jar, `/api/tokens/${randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('are refused once expired', async () => {
      const created = await json<CreatedApiTokenView>(await createToken(app.owner.signedIn, { name: 'short-lived', scopes: ['read'], expiresInDays: 1 }));
      expect((await bare(`${app.baseUrl}/api/jobs`, { headers: bearer(created.token) })).status).toBe(200);
      await app.db.sql`UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 second' WHERE id = ${created.id}::uuid`;
      const refused = await bare(`${app.baseUrl}/api/jobs`, { headers: bearer(created.token) });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ statusCode: 401, message: 'API token expired' });
    });

    it('do no more than their scope: a read token is refused a write', async () => {
      const created = await json<CreatedApiTokenView>(await createToken(app.owner.signedIn, { name: 'read only', scopes: ['read'] }));
      const refused = await bare(`${app.baseUrl}/api/jobs/${randomUUID()}/rerun`, { method: 'POST', headers: bearer(created.token) });
      expect(refused.status).toBe(403);
      expect((await json<{ message: string }>(refused)).message).toBe('This needs write access in the workspace; you have read');
    });

    it('refuse bad requests naming the field', async () => {
      const none = await createToken(app.owner.signedIn, { name: 'x', scopes: [] });
      expect(none.status).toBe(400);
      const unknown = await createToken(app.owner.signedIn, { name: 'x', scopes: ['root'] });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(await unknown.json())).toContain('scopes');
    });
  });

  describe('roles', () => {
    it('refuse a viewer a write, and an editor token creation', async () => {
      const viewer = await app.createMember(DEFAULT_WORKSPACE_ID, 'viewer');
      const write = await sessionFetch(app.baseUrl, viewer.signedIn.jar, `/api/jobs/${randomUUID()}/rerun`, { method: 'POST' });
      expect(write.status).toBe(403);
      expect((await json<{ message: string }>(write)).message).toBe('This needs write access in the workspace; you have read');
      expect((await sessionFetch(app.baseUrl, viewer.signedIn.jar, '/api/jobs')).status).toBe(200);

      const editor = await app.createMember(DEFAULT_WORKSPACE_ID, 'editor');
      const token = await sessionFetch(app.baseUrl, editor.signedIn.jar, '/api/tokens', { method: 'POST', body: JSON.stringify({ name: 'mine', scopes: ['read'] }) });
      expect(token.status).toBe(403);
      expect((await json<{ message: string }>(token)).message).toBe('This needs admin access in the workspace; you have write');
    });
  });

  describe('members', () => {
    it('are added with a one-time link, change role, are removed, and the last owner stays', async () => {
      const owner = await app.signIn();
      const created = await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/workspaces', {
        method: 'POST',
        body: JSON.stringify({ name: `Members ${randomUUID().slice(0, 6)}` }),
      });
      const workspace = await json<WorkspaceView>(created);
      await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId: workspace.id }) });
      const ownerId = owner.signedIn.session.user.id;

      const email = `new-${randomUUID().slice(0, 8)}@example.com`;
      const added = await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/members', { method: 'POST', body: JSON.stringify({ email: email.toUpperCase(), role: 'viewer' }) });
      expect(added.status).toBe(201);
      const member = await json<MemberView & { signInLink: string }>(added);
      expect(member).toMatchObject({ user: { email, hasPassword: false }, role: 'viewer' });
      expect(member.signInLink).toMatch(/\/sign-in#link=/);
      expect((await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/members', { method: 'POST', body: JSON.stringify({ email, role: 'editor' }) })).status).toBe(409);

      const changed = await sessionFetch(app.baseUrl, owner.signedIn.jar, `/api/members/${member.user.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'editor' }) });
      expect(changed.status).toBe(200);
      expect((await json<MemberView>(changed)).role).toBe('editor');

      for (const [method, body] of [
        ['PATCH', JSON.stringify({ role: 'viewer' })],
        ['DELETE', undefined],
      ] as const) {
        const refused = await sessionFetch(app.baseUrl, owner.signedIn.jar, `/api/members/${ownerId}`, { method, body });
        expect(refused.status).toBe(409);
        expect((await json<{ message: string }>(refused)).message).toBe('A workspace keeps at least one owner: make another member owner first');
      }

      const list = await json<MemberView[]>(await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/members'));
      expect(list.map((m) => [m.user.email, m.role])).toEqual([
        [app.owner.email, 'owner'],
        [email, 'editor'],
      ]);
      expect((await sessionFetch(app.baseUrl, owner.signedIn.jar, `/api/members/${member.user.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await sessionFetch(app.baseUrl, owner.signedIn.jar, `/api/members/${member.user.id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await json<MemberView[]>(await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/members'))).map((m) => m.user.email)).toEqual([app.owner.email]);
    });
  });

  describe('workspaces', () => {
    it('are created with the caller as owner, switched to, and a workspace you are not in is a 404', async () => {
      const owner = await app.signIn();
      const name = `Marketing ${randomUUID().slice(0, 6)}`;
      const created = await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/workspaces', { method: 'POST', body: JSON.stringify({ name }) });
      expect(created.status).toBe(201);
      const workspace = await json<WorkspaceView>(created);
      expect(workspace).toMatchObject({ name, role: 'owner' });
      expect(await json<WorkspaceView[]>(await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/workspaces'))).toContainEqual(workspace);

      const switched = await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId: workspace.id }) });
      expect(switched.status).toBe(200);
      expect((await json<SessionView>(switched)).workspace).toEqual(workspace);
      expect((await json<SessionView>(await sessionFetch(app.baseUrl, owner.signedIn.jar, '/api/session'))).workspace.id).toBe(workspace.id);

      // A viewer of the default workspace cannot reach the new one, nor tell it from one that does not exist.
      const viewer = await app.createMember(DEFAULT_WORKSPACE_ID, 'viewer');
      for (const workspaceId of [workspace.id, randomUUID()]) {
        const refused = await sessionFetch(app.baseUrl, viewer.signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId }) });
        expect(refused.status).toBe(404);
        expect((await json<{ message: string }>(refused)).message).toBe(`No workspace ${workspaceId}`);
      }
      expect((await json<SessionView>(await sessionFetch(app.baseUrl, viewer.signedIn.jar, '/api/session'))).workspaces.map((w) => w.id)).toEqual([DEFAULT_WORKSPACE_ID]);
    });

    it('refuse a blank name', async () => {
      const response = await bare(`${app.baseUrl}/api/workspaces`, {
        method: 'POST',
        headers: { ...bearer(app.owner.token as string), 'content-type': 'application/json' },
        body: JSON.stringify({ name: '  ' }),
      });
      expect(response.status).toBe(400);
    });
  });
});
