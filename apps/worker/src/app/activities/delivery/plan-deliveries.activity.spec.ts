import { batchSizeFor, planBatches } from './plan-deliveries.activity';

async function* chunksOf(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('planBatches', () => {
  const lines = Array.from({ length: 7 }, (_, i) => `{"n":${i},"name":"é${i}"}`);
  const text = lines.map((line) => `${line}\n`).join('');

  it.each([1, 3, 1000])('cuts records into byte ranges that hold whole lines (chunks of %i bytes)', async (chunkSize) => {
    const { total, batches } = await planBatches(chunksOf(text, chunkSize), 3);
    expect(total).toBe(7);
    expect(batches.map(({ index, firstRecord, count }) => [index, firstRecord, count])).toEqual([
      [0, 0, 3],
      [1, 3, 3],
      [2, 6, 1],
    ]);
    const bytes = Buffer.from(text);
    const read = batches.map((b) => bytes.subarray(b.start, b.end + 1).toString().split('\n').filter(Boolean));
    expect(read).toEqual([lines.slice(0, 3), lines.slice(3, 6), lines.slice(6)]);
  });

  it('counts a last line without a newline, and plans nothing for no records', async () => {
    expect((await planBatches(chunksOf('{"a":1}\n{"a":2}', 4), 10)).batches).toEqual([{ index: 0, firstRecord: 0, count: 2, start: 0, end: 14 }]);
    expect(await planBatches(chunksOf('', 4), 10)).toEqual({ total: 0, batches: [] });
  });

  it('keeps at most about a thousand batches however large the job', () => {
    expect(batchSizeFor(10)).toBe(1000);
    expect(batchSizeFor(5_000_000)).toBe(5000);
  });
});
