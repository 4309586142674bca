import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Watches how long the event loop of this process (which runs the worker) is held. It first collects what the test
 * process left behind (ts-jest's compiler above all), so the pauses measured are those of the work watched.
 */
export function watchEventLoop(): { longestBlockMs(): number } {
  collectGarbage();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    longestBlockMs() {
      delay.disable();
      return delay.max / 1e6;
    },
  };
}
