import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { TestDatabase } from '@sluice/db/testing';

import { authorizeOrigin, forgetOrigin } from './credentials';
import { operatorIdentity, ownerEmail, SHARED_WORKSPACE_LIMITS, signInWithLink } from './sluice-app';

const ROOT = join(__dirname, '../../../..');

/**
 * The built API (dist/apps/api/main.js) as its own process, against the test stack: what `npm start`
 * runs, so a request that kills it is seen as the exit it is. SLUICE_API_MAIN runs another build
 * (e.g. an older one, to measure it).
 */
export interface ApiProcess {
  readonly baseUrl: string;
  readonly port: number;
  /** Every exit seen so far, with the output that came before it. */
  readonly exits: { code: number | null; signal: string | null; output: string }[];
  alive(): boolean;
  output(): string;
  /** What the process guard logged since the last call: errors no handler caught, each a crash without the guard. */
  takeEscapedErrors(): string[];
  /** Starts a new process on the same port if this one has exited. */
  revive(): Promise<void>;
  stop(): Promise<void>;
}

export function apiMainPath(): string {
  return process.env['SLUICE_API_MAIN'] ? join(ROOT, process.env['SLUICE_API_MAIN']) : join(ROOT, 'dist/apps/api/main.js');
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilServing(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The API exited while starting:\n${output()}`);
    try {
      // Any answer will do: health is a 503 while a dependency is down, and that is a process serving.
      await fetch(`${baseUrl}/health`);
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The API did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Signs in as the owner, as startSluice does: the link the process logged on an empty database, else an operator's. */
async function authorize(baseUrl: string, output: string): Promise<void> {
  let link = /(\S+\/sign-in#link=[A-Za-z0-9_-]+)/.exec(output)?.[1];
  if (!link) {
    const db = new TestDatabase();
    try {
      link = (await operatorIdentity(db).links.issueForOperator(ownerEmail())).url;
    } finally {
      await db.disconnect();
    }
  }
  const owner = await signInWithLink(baseUrl, link);
  if (!owner.token) throw new Error(`${ownerEmail()} is not an owner of its first workspace`);
  authorizeOrigin(baseUrl, owner.token, owner.cookie);
}

export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const main = apiMainPath();
  if (!existsSync(main)) throw new Error(`${main} is missing: build the API first (npx nx build api)`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const exits: ApiProcess['exits'] = [];
  let child: ChildProcess;
  let log = '';
  let escaped: string[] = [];

  const launch = async () => {
    log = '';
    child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...SHARED_WORKSPACE_LIMITS, ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const append = (chunk: Buffer) => {
      // Enough to see why it died; a long run must not grow without bound.
      log = (log + chunk.toString()).slice(-200_000);
      if (chunk.includes('[ProcessGuard]')) escaped.push(chunk.toString().slice(0, 2000));
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    child.once('exit', (code, signal) => exits.push({ code, signal, output: log }));
    await waitUntilServing(baseUrl, child, () => log);
  };
  await launch();
  await authorize(baseUrl, log);

  return {
    baseUrl,
    port,
    exits,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => log,
    takeEscapedErrors() {
      const taken = escaped;
      escaped = [];
      return taken;
    },
    async revive() {
      if (child.exitCode === null && child.signalCode === null) return;
      await launch();
    },
    async stop() {
      forgetOrigin(baseUrl);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
