import { AckCheckpoint } from './ack-checkpoint';
import type { AckCheckpointStore, IndexRuns } from './delivery-store';

/** A store whose writes finish only when the test says so. */
function slowStore(stored: IndexRuns) {
  const writes: { acked: IndexRuns; finish: () => void }[] = [];
  const store: AckCheckpointStore = {
    openAckCheckpoint: async () => stored,
    saveAcked: (_jobId, _index, acked) => new Promise<void>((finish) => writes.push({ acked, finish })),
  };
  return { store, writes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AckCheckpoint', () => {
  it('starts from what earlier attempts stored', async () => {
    const { store } = slowStore([[0, 4]]);
    const checkpoint = await AckCheckpoint.open(store, 'job', 0);
    expect([checkpoint.acked.size, checkpoint.acked.has(4), checkpoint.acked.has(5)]).toEqual([5, true, false]);
  });

  it('writes one at a time, and the acknowledgements arriving meanwhile share the next write', async () => {
    const { store, writes } = slowStore([]);
    const checkpoint = await AckCheckpoint.open(store, 'job', 0);
    let firstStored = false;
    let laterStored = 0;
    void checkpoint.save(0).then(() => (firstStored = true));
    await settle();
    const later = [1, 2, 3].map((i) => checkpoint.save(i).then(() => laterStored++));
    await settle();
    expect(writes.map((w) => w.acked)).toEqual([[[0, 0]]]);

    writes[0].finish();
    await settle();
    expect([firstStored, laterStored]).toEqual([true, 0]);
    expect(writes.map((w) => w.acked)).toEqual([[[0, 0]], [[0, 3]]]);

    writes[1].finish();
    await Promise.all(later);
    expect(laterStored).toBe(3);
    expect(writes).toHaveLength(2);
  });

  it('lets a failed write reject its waiters and still writes the next', async () => {
    const failing: AckCheckpointStore = { openAckCheckpoint: async () => [], saveAcked: jest.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(undefined) };
    const checkpoint = await AckCheckpoint.open(failing, 'job', 0);
    await expect(checkpoint.save(0)).rejects.toThrow('db down');
    await expect(checkpoint.save(1)).resolves.toBeUndefined();
    expect(failing.saveAcked).toHaveBeenLastCalledWith('job', 0, [[0, 1]]);
  });
});
