import type { SendScheduleStore, SendSlotReservation } from './delivery-store';
import { SharedRateGate } from './shared-rate-gate';

/** The GCRA step the database runs, on this process's clock, with a limit the test can change. */
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

async function startsOf(gate: SharedRateGate, count: number): Promise<number[]> {
  const signal = new AbortController().signal;
  return Promise.all(Array.from({ length: count }, () => gate.take(signal).then(() => Date.now())));
}

describe('SharedRateGate', () => {
  it('spaces sends at the stored limit, however many senders wait', async () => {
    const { store } = scheduleStore(50);
    const starts = (await startsOf(new SharedRateGate(store, 'job'), 30)).sort((a, b) => a - b);
    // 30 sends at 50/s: the last starts about 0.6 s after the first (generous bounds, the machine is shared).
    const span = starts[starts.length - 1] - starts[0];
    expect(span).toBeGreaterThan(450);
    expect(span).toBeLessThan(2000);
  });

  it('lets an unlimited job through, re-reading its limit about once a second', async () => {
    const { store, state } = scheduleStore(null);
    const started = Date.now();
    await startsOf(new SharedRateGate(store, 'job'), 500);
    expect(Date.now() - started).toBeLessThan(500);
    expect(state.reservations).toBe(1);
  });

  it('follows a lowered limit once the slots it reserved ahead (about 100 ms of sends) are spent', async () => {
    const { store, state } = scheduleStore(1000);
    const gate = new SharedRateGate(store, 'job');
    // The first reservation at 1000/s takes 100 slots; 50 are left.
    await startsOf(gate, 50);
    state.rate = 10;
    const starts = (await startsOf(gate, 56)).sort((a, b) => a - b);
    // The 50 reserved slots pass within 100 ms; the 6 after them go at 10/s, about 0.5 s (at the old limit: 5 ms).
    expect(starts[49] - starts[0]).toBeLessThan(1000);
    expect(starts[55] - starts[50]).toBeGreaterThan(350);
  });

  it('rejects a waiting sender when its signal aborts', async () => {
    const { store } = scheduleStore(1);
    const gate = new SharedRateGate(store, 'job');
    const controller = new AbortController();
    await gate.take(controller.signal);
    const waiting = gate.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails when the job has no delivery settings', async () => {
    const gate = new SharedRateGate({ reserveSendSlots: async () => null }, 'job');
    await expect(gate.take(new AbortController().signal)).rejects.toThrow('Job job has no delivery settings');
  });
});
