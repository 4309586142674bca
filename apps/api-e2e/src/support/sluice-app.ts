import { randomUUID } from 'node:crypto';

import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WorkspaceRole } from '@sluice/contracts';
import { TestDatabase } from '@sluice/db/testing';
import { Identity, identitySettings } from '@sluice/identity';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';
import { Client, Connection } from '@temporalio/client';

import { AppModule } from '../../../api/src/app/app.module';
import { configureApp } from '../../../api/src/infra/http/configure-app';
import { WorkerModule } from '../../../worker/src/app/worker.module';
import { authorizeOrigin, createToken, forgetOrigin, redeemLink, type SignedIn, sessionFetch } from './credentials';
import { HarnessLogger } from './harness-logger';

/** What a signed-in person holds: the session's Cookie header, and an admin API token when their role may create one. */
export interface Credentials {
  cookie: string;
  token: string | null;
  signedIn: SignedIn;
}

export interface Member extends Credentials {
  userId: string;
  email: string;
}

/**
 * The real API and worker, in this process, against the real test stack; plus direct access so
 * tests can check what landed in Postgres, S3 and Temporal.
 */
export interface SluiceApp {
  baseUrl: string;
  db: TestDatabase;
  store: ObjectStore;
  temporal: Client;
  /** The first owner's one-time link when this start found an empty database (already redeemed by the owner sign-in). */
  firstRunLink: string | null;
  /** The owner's credentials; plain fetch calls to baseUrl carry the token (see credentials.ts). */
  owner: Credentials & { email: string };
  /** Signs in as an existing account (the owner by default) through an operator's sign-in link. */
  signIn(email?: string): Promise<Credentials>;
  /** A new account, added by the owner as a member of the workspace with `role`, signed in by its invitation link. */
  createMember(workspaceId: string, role: WorkspaceRole): Promise<Member>;
  /** Stops the worker as a deploy or a crash would, with activities still running, and starts a new one. */
  replaceWorker(): Promise<void>;
  close(): Promise<void>;
}

async function startWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  await worker.init();
  return worker;
}

/** The identity use cases over the test database, as the operator's sign-in-link command runs them. */
export function operatorIdentity(db: TestDatabase): Identity {
  return new Identity(db.repositories, identitySettings({ publicUrl: process.env['PUBLIC_URL'] ?? 'http://127.0.0.1:3000' }), { install: async () => undefined });
}

export const ownerEmail = (): string => (process.env['SLUICE_OWNER_EMAIL'] ?? 'owner@localhost').toLowerCase();

/** Signs in at `baseUrl` with `link`, and creates an admin token when the session may. */
export async function signInWithLink(baseUrl: string, link: string): Promise<Credentials> {
  const signedIn = await redeemLink(baseUrl, link);
  const token = signedIn.session.workspace.role === 'owner' ? (await createToken(baseUrl, signedIn)).token : null;
  return { cookie: signedIn.cookie, token, signedIn };
}

/** `inProcessWorker: false` leaves the worker to the test, e.g. as an OS process it can kill. */
/**
 * The suites share the default workspace and launch many jobs in it at once, over the whole run: its
 * limits of jobs at once and storage are raised here so no suite meets another's jobs. The product's
 * defaults and every refusal are covered by workspace-limits.spec.ts, which sets them back.
 */
export const SHARED_WORKSPACE_LIMITS = { MAX_CONCURRENT_JOBS: '1000', MAX_STORAGE_MB: '1000000' };

export async function startSluice(env: Record<string, string> = {}, { inProcessWorker = true } = {}): Promise<SluiceApp> {
  Object.assign(process.env, { WORKER_LOG_LEVEL: 'ERROR' }, SHARED_WORKSPACE_LIMITS, env);
  const logger = new HarnessLogger();
  const api: INestApplication = await NestFactory.create(AppModule, { logger });
  configureApp(api);
  await api.listen(0, '127.0.0.1');
  let worker = inProcessWorker ? await startWorker() : null;
  const address = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const db = new TestDatabase();
  const identity = operatorIdentity(db);
  const store = new ObjectStore(s3ConfigFromEnv(process.env));
  const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });

  const signIn = async (email = ownerEmail()) => signInWithLink(baseUrl, (await identity.links.issueForOperator(email)).url);
  // On an empty database the API has just logged the first owner's link; later starts ask as an operator would.
  const owner = await signInWithLink(baseUrl, logger.firstRunLink ?? (await identity.links.issueForOperator(ownerEmail())).url);
  if (!owner.token) throw new Error(`${ownerEmail()} is not an owner of its first workspace`);
  authorizeOrigin(baseUrl, owner.token, owner.cookie);

  return {
    baseUrl,
    db,
    store,
    temporal: new Client({ connection }),
    firstRunLink: logger.firstRunLink,
    owner: { ...owner, email: ownerEmail() },
    signIn,
    async createMember(workspaceId, role) {
      const { signedIn } = await signIn();
      if (signedIn.session.workspace.id !== workspaceId) {
        const switched = await sessionFetch(baseUrl, signedIn.jar, '/api/session/workspace', { method: 'PUT', body: JSON.stringify({ workspaceId }) });
        if (switched.status !== 200) throw new Error(`Switching to workspace ${workspaceId}: ${switched.status} ${await switched.text()}`);
      }
      const email = `member-${randomUUID().slice(0, 8)}@example.com`;
      const added = await sessionFetch(baseUrl, signedIn.jar, '/api/members', { method: 'POST', body: JSON.stringify({ email, role }) });
      if (added.status !== 201) throw new Error(`Adding ${email} as ${role}: ${added.status} ${await added.text()}`);
      const { user, signInLink } = (await added.json()) as { user: { id: string }; signInLink: string };
      const member = await signInWithLink(baseUrl, signInLink);
      return { ...member, userId: user.id, email };
    },
    async replaceWorker() {
      await worker?.close();
      worker = await startWorker();
    },
    async close() {
      forgetOrigin(baseUrl);
      await worker?.close();
      await api.close();
      await db.disconnect();
      store.destroy();
      await connection.close();
    },
  };
}
