import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/main.js');
const READY = /Polling task queue/;

/** Builds the worker bundle when it is missing (`npm test` builds it beforehand, so it is always current there). */
function ensureBuilt(): void {
  if (existsSync(WORKER_MAIN)) return;
  const nx = require.resolve('nx/bin/nx', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [nx, 'build', 'worker', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) throw new Error('Building the worker failed (npx nx build worker)');
}

/**
 * The built worker (dist/apps/worker/main.js) as its own OS process, with the test stack's
 * environment, as `npm start` runs it: so a test can kill it the way a crash or the OOM killer would.
 */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    keepBytes: number,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-keepBytes));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts a worker and resolves once it polls its task queue; `keepBytes` of its output are kept (the last ones). */
  static async start(env: Record<string, string> = {}, timeoutMs = 120_000, keepBytes = 20_000): Promise<WorkerProcess> {
    ensureBuilt();
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      env: { ...process.env, SLUICE_ROOT: ROOT, NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, keepBytes);
    const deadline = Date.now() + timeoutMs;
    while (!READY.test(worker.output)) {
      if (child.exitCode !== null) throw new Error(`The worker exited (${child.exitCode}) before polling:\n${worker.output}`);
      if (Date.now() > deadline) {
        await worker.kill();
        throw new Error(`The worker did not poll within ${timeoutMs} ms:\n${worker.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process printed (the last `keepBytes`, 20 KB unless started with more). */
  get log(): string {
    return this.output;
  }

  /** SIGKILL by default: no shutdown hooks, no last heartbeat; the server notices only by missing heartbeats. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}
