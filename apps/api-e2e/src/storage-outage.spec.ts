import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resultKey } from '@sluice/storage';

import { AppModule } from '../../api/src/app/app.module';
import { configureApp } from '../../api/src/infra/http/configure-app';
import { upload, waitForStatus } from './support/api-client';
import { authorizeOrigin, forgetOrigin } from './support/credentials';
import { SluiceApp, startSluice } from './support/sluice-app';

const STORAGE_DOWN = 'Storage is unavailable right now; try again in a minute';

/**
 * A second API on its own port whose S3 client talks to `endpoint` (the environment is read while the app is built);
 * it shares the database, so the owner's token works there too. Its app's close forgets the origin again.
 */
async function apiWithStorageAt(sluice: SluiceApp, endpoint: string, env: Record<string, string> = {}): Promise<{ url: string; app: INestApplication }> {
  const saved = { ...process.env };
  Object.assign(process.env, { S3_ENDPOINT: endpoint }, env);
  try {
    const app = await NestFactory.create(AppModule, { logger: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    authorizeOrigin(url, sluice.owner.token as string, sluice.owner.cookie);
    const close = app.close.bind(app);
    app.close = async () => {
      forgetOrigin(url);
      await close();
    };
    return { url, app };
  } finally {
    for (const name of ['S3_ENDPOINT', ...Object.keys(env)]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A TCP proxy to MinIO that cuts the next `drop` connections it accepts at once, as a restarting or overloaded storage does. */
async function flakyProxy(target: URL) {
  const sockets = new Set<Socket>();
  const state = { drop: 0, dropped: 0 };
  const server = createServer((socket) => {
    if (state.drop > 0) {
      state.drop -= 1;
      state.dropped += 1;
      socket.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    socket.pipe(upstream).pipe(socket);
  });
  const port = await listen(server);
  return {
    port,
    state,
    arm(drops: number) {
      Object.assign(state, { drop: drops, dropped: 0 });
      // Connections the client keeps alive would bypass the drops: close them so every attempt connects anew.
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('downloads while storage is unreliable', () => {
  let app: SluiceApp;
  let jobId: string;
  let expected: string;

  beforeAll(async () => {
    app = await startSluice();
    const created = await upload(app.baseUrl, [{ name: 'r.csv', content: 'sensor_id,timestamp,value\ns-1,2026-11-02T00:00:00Z,1\ns-2,2026-11-02T01:00:00Z,x\n' }]);
    jobId = (await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['partial'])).id;
    const download = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`);
    expect(download.status).toBe(200);
    expected = await download.text();
  });

  afterAll(() => app?.close());

  it('retries storage reads that fail for a moment: the download answers 200 with the file', async () => {
    const proxy = await flakyProxy(new URL(process.env['S3_ENDPOINT'] as string));
    const flaky = await apiWithStorageAt(app, `http://127.0.0.1:${proxy.port}`);
    try {
      // Three cut connections in a row: more than the SDK's default of three attempts survives.
      proxy.arm(3);
      const response = await fetch(`${flaky.url}/api/jobs/${jobId}/download`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expected);
      expect(proxy.state.dropped).toBe(3);
    } finally {
      await flaky.app.close();
      await proxy.close();
    }
  });

  it('answers 503 when storage accepts connections but never answers, instead of hanging', async () => {
    const held = new Set<Socket>();
    const blackHole = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(blackHole);
    const hanging = await apiWithStorageAt(app, `http://127.0.0.1:${port}`, { S3_REQUEST_TIMEOUT_MS: '500', S3_MAX_ATTEMPTS: '2' });
    try {
      const started = Date.now();
      for (const path of [`/api/jobs/${jobId}/download`, '/api/storage']) {
        const response = await fetch(`${hanging.url}${path}`, { signal: AbortSignal.timeout(30_000) });
        expect({ path, status: response.status }).toEqual({ path, status: 503 });
        expect(await response.json()).toMatchObject({ message: STORAGE_DOWN });
      }
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await hanging.app.close();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });

  it("answers 503 with a sentence, never a 500 or the SDK's message, when storage is down; a missing file stays 404", async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await apiWithStorageAt(app, `http://127.0.0.1:${port}`);
    try {
      const started = Date.now();
      for (const path of [`/api/jobs/${jobId}/download`, `/api/jobs/${jobId}/download?part=rejected`, '/api/storage']) {
        const response = await fetch(`${down.url}${path}`);
        const text = await response.text();
        expect({ path, status: response.status }).toEqual({ path, status: 503 });
        expect(JSON.parse(text)).toMatchObject({ statusCode: 503, message: STORAGE_DOWN });
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\$metadata|at .*\.js/);
      }
      // Retries back off for a few seconds at most before giving up.
      expect(Date.now() - started).toBeLessThan(60_000);
      // Postgres still answers there: an unknown job is 404 without asking storage.
      expect((await fetch(`${down.url}/api/jobs/00000000-0000-4000-8000-000000000000/download`)).status).toBe(404);
    } finally {
      await down.app.close();
    }

    await app.store.deleteKeys([resultKey(DEFAULT_WORKSPACE_ID, jobId, 'rejected')]);
    const missing = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download?part=rejected`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: `Job ${jobId} has no rejected result file` });
  });
});
