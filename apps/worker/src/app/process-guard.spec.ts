import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

// A real Node process: Jest keeps its own handlers for these events, so only a process of its own shows what Node does.
const SCRIPT = `
require('./apps/worker/src/app/process-guard').installProcessGuard();
setTimeout(() => { throw new Error('a stray stream error'); }, 10);
Promise.reject(new Error('a promise nobody awaited'));
setTimeout(() => { console.log('still running'); process.exit(0); }, 300);
`;

describe('installProcessGuard', () => {
  it('logs an uncaught exception and an unhandled rejection, and the process keeps running', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'apps/worker/tsconfig.app.json'), NO_COLOR: '1' },
      timeout: 60_000,
    });
    const output = run.stdout + run.stderr;
    expect(output).toMatch(/Uncaught exception; the worker keeps running: Error: a stray stream error/);
    expect(output).toMatch(/Unhandled rejection; the worker keeps running: Error: a promise nobody awaited/);
    expect(run.stdout).toContain('still running');
    expect(run.status).toBe(0);
  });
});
