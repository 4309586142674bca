import { CancelledFailure, Context } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';

import { timerHeartbeats } from './timer-heartbeats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An activity environment with the worker's interceptor, as `Worker.create` installs it. */
function environment(activityType: string): { env: MockActivityEnvironment; beats: () => number } {
  const env = new MockActivityEnvironment({ activityType }, { interceptors: [timerHeartbeats(50)], logger: new DefaultLogger('ERROR') });
  let beats = 0;
  env.on('heartbeat', () => beats++);
  return { env, beats: () => beats };
}

describe('timerHeartbeats', () => {
  it('heartbeats on its timer while the work says nothing, and stops when the work ends', async () => {
    const { env, beats } = environment('buildResults');
    expect(await env.run(() => sleep(260).then(() => 'done'))).toBe('done');
    expect(beats()).toBeGreaterThanOrEqual(3);
    const atEnd = beats();
    await sleep(150);
    expect(beats()).toBe(atEnd);
  });

  it('passes the work’s own failure through', async () => {
    const { env } = environment('parseAndValidate');
    await expect(env.run(() => Promise.reject(new Error('no such file')))).rejects.toThrow('no such file');
  });

  it('ends the attempt as soon as Temporal cancels it, even when the work never notices, and aborts work that listens', async () => {
    const { env } = environment('buildResults');
    let aborted = false;
    const stuck = () => new Promise<never>(() => Context.current().cancellationSignal.addEventListener('abort', () => (aborted = true)));
    const running = env.run(stuck);
    await sleep(120);
    env.cancel('TIMED_OUT');
    await expect(running).rejects.toBeInstanceOf(CancelledFailure);
    expect(aborted).toBe(true);
  });

  it('leaves the deliveries to heartbeat their own checkpoint', async () => {
    const { env, beats } = environment('deliverBatch');
    await env.run(() => sleep(200));
    expect(beats()).toBe(0);
  });
});
