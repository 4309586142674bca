import type { SendScheduleStore, SendSlotReservation } from './delivery-store';
import { SharedRateGate } from './shared-rate-gate';

/** The GCRA step the database runs, on the test's (fake) clock, with a limit the test can change. */
function scheduleStore(rate: number | null) {
  const state = { rate, tat: 0, reservations: 0 };
  const store: SendScheduleStore = {
    reserveSendSlots: async (_jobId, count): Promise<SendSlotReservation> => {
      state.reservations += 1;
      const now = Date.now();
      state.tat = state.rate === null ? now : Math.max(state.tat, now) + (count * 1000) / state.rate;
      return { rate: state.rate, tat: state.tat, now };
    },
  };
  return { store, state };
}

/** When each of `count` concurrent senders may start, in ms after the call, on the fake clock. */
async function startsOf(gate: SharedRateGate, count: number): Promise<number[]> {
  const signal = new AbortController().signal;
  const called = Date.now();
  const all = Promise.all(Array.from({ length: count }, () => gate.take(signal).then(() => Date.now() - called)));
  await jest.runAllTimersAsync();
  return (await all).sort((a, b) => a - b);
}

describe('SharedRateGate', () => {
  // A fake clock: pacing is exact, whatever else the machine runs.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('spaces sends at the stored limit, however many senders wait', async () => {
    const { store } = scheduleStore(50);
    const starts = await startsOf(new SharedRateGate(store, 'job'), 30);
    // 30 sends at 50/s: one every 20 ms.
    starts.slice(1).forEach((start, i) => expect(start - starts[i]).toBeCloseTo(20, 0));
    expect(starts[29] - starts[0]).toBeCloseTo(580, 0);
  });

  it('lets an unlimited job through, re-reading its limit about once a second', async () => {
    const { store, state } = scheduleStore(null);
    const gate = new SharedRateGate(store, 'job');
    expect(await startsOf(gate, 500)).toEqual(Array(500).fill(0));
    expect(state.reservations).toBe(1);
    jest.advanceTimersByTime(1001);
    await startsOf(gate, 10);
    expect(state.reservations).toBe(2);
  });

  it('follows a lowered limit once the slots it reserved ahead (about 100 ms of sends) are spent', async () => {
    const { store, state } = scheduleStore(1000);
    const gate = new SharedRateGate(store, 'job');
    // The first reservation at 1000/s takes 100 slots; 50 are left.
    await startsOf(gate, 50);
    state.rate = 10;
    const starts = await startsOf(gate, 56);
    // The reserved slots pass within 100 ms; then sends go at 10/s, 100 ms apart (at the old limit: 1 ms).
    expect(starts[49] - starts[0]).toBeLessThan(100);
    expect(starts[55] - starts[50]).toBeGreaterThanOrEqual(400);
    starts.slice(53).forEach((start, i) => expect(start - starts[52 + i]).toBeCloseTo(100, 0));
  });

  it('rejects a waiting sender when its signal aborts', async () => {
    const { store } = scheduleStore(1);
    const gate = new SharedRateGate(store, 'job');
    const controller = new AbortController();
    await gate.take(controller.signal);
    const waiting = gate.take(controller.signal);
    const rejected = expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    await rejected;
  });

  it('fails when the job has no delivery settings', async () => {
    const gate = new SharedRateGate({ reserveSendSlots: async () => null }, 'job');
    await expect(gate.take(new AbortController().signal)).rejects.toThrow('Job job has no delivery settings');
  });
});
