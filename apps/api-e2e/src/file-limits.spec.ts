import { upload, waitForStatus } from './support/api-client';
import { watchEventLoop } from './support/event-loop';
import { SluiceApp, startSluice } from './support/sluice-app';

const MIB = 1024 * 1024;

/** The longest the event loop of this process (which runs the worker) was held while `work` ran, in ms. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockedMs: number }> {
  const loop = watchEventLoop();
  const result = await work();
  return { result, blockedMs: loop.longestBlockMs() };
}

/** A sensor_readings file: its three fields, then `extra` other columns, one row per `rows` value. */
function sensorFile(extra: number, rows: string[][]): string {
  const header = ['sensor_id', 'timestamp', 'value', ...Array.from({ length: extra }, (_, i) => `extra_${i}`)];
  return [header, ...rows].map((cells) => cells.join(',')).join('\n') + '\n';
}

// This process also runs the API, the workflow bundler and ts-jest: a heap of ~700 MB whose garbage collection
// alone can pause it for about a second on this loaded machine. Before, these files held the loop for 4 s to 7+ min;
// parse-event-loop.spec holds the activity alone to 1 s.
const MAX_BLOCK_MS = 3000;

describe('bounded work per file', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice({ MAX_UPLOAD_MB: '64' });
  });

  afterAll(() => app?.close());

  it('refuses a 5 MB header of 650,000 columns within seconds, naming the count and the limit, while another job runs', async () => {
    const header = Array.from({ length: 650_000 }, (_, i) => `c${i}`).join(',');
    expect(header.length).toBeGreaterThan(5_000_000);
    const wide = `${header}\n1,2,3\n`;
    const small = sensorFile(0, [['s-1', '2024-01-01T00:00:00Z', '1']]);

    const started = Date.now();
    const { result, blockedMs } = await longestBlock(async () => {
      const [refused, other] = await Promise.all([upload(app.baseUrl, [{ name: 'wide.csv', content: wide }]), upload(app.baseUrl, [{ name: 'small.csv', content: small }])]);
      return Promise.all([
        waitForStatus(app.baseUrl, refused.body['jobId'] as string, ['processed', 'partial', 'failed'], 30_000),
        waitForStatus(app.baseUrl, other.body['jobId'] as string, ['processed', 'partial', 'failed'], 30_000),
      ]);
    });
    const [refused, other] = result;
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('File has 650,000 columns; at most 20,000 columns are allowed per file');
    expect(refused.error).toContain('WORKER_MAX_COLUMNS');
    expect(other).toMatchObject({ status: 'processed', validRows: 1 });
    expect(blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });

  it('reads a file of 20,000 columns', async () => {
    const row = (i: number) => [`s-${i}`, '2024-01-01T00:00:00Z', String(i), ...Array.from({ length: 19_997 }, (_, c) => String(c % 10))];
    const content = sensorFile(19_997, [row(1), row(2), row(3)]);
    const { result: job, blockedMs } = await longestBlock(async () => {
      const created = await upload(app.baseUrl, [{ name: 'twenty-thousand.csv', content }]);
      expect(created.status).toBe(202);
      return waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed'], 60_000);
    });
    expect(job).toMatchObject({ status: 'processed', rowsProcessed: 3, validRows: 3, invalidRowCount: 0 });
    expect(job.files[0].columns).toHaveLength(20_000);
    expect(blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });

  it('refuses a header whose column names are too large to carry through the job, with a sentence, in seconds', async () => {
    // 2,000 names of 1,000 characters: under the header limit, but a 2 MB mapping Temporal could not carry.
    const names = Array.from({ length: 2_000 }, (_, i) => `${String(i).padStart(4, '0')}${'n'.repeat(996)}`);
    const content = `sensor_id,timestamp,value,${names.join(',')}\ns-1,2024-01-01T00:00:00Z,1${',x'.repeat(2_000)}\n`;
    const created = await upload(app.baseUrl, [{ name: 'long-names.csv', content }]);
    expect(created.status).toBe(202);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed'], 60_000);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^The header row's 2,003 column names take 2\.\d MB once mapped; at most 1\.8 MB can be processed per file/);
  });

  it('keeps a row with a 16 MB cell', async () => {
    const cell = 'x'.repeat(16 * MIB);
    const content = `sensor_id,timestamp,value,notes\ns-1,2024-01-01T00:00:00Z,1,"${cell}"\ns-2,2024-01-01T00:01:00Z,2,short\n`;
    const { result: job, blockedMs } = await longestBlock(async () => {
      const created = await upload(app.baseUrl, [{ name: 'big-cell.csv', content }]);
      expect(created.status).toBe(202);
      return waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed'], 60_000);
    });
    expect(job).toMatchObject({ status: 'processed', rowsProcessed: 2, validRows: 2, invalidRowCount: 0 });
    expect(blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });

  it('rejects a row over 32 MiB on its own, with its line number, and keeps every other row', async () => {
    const content = sensorFile(1, [
      ['s-1', '2024-01-01T00:00:00Z', '1', 'a'],
      ['s-2', '2024-01-01T00:01:00Z', '2', 'y'.repeat(33 * MIB)],
      ['s-3', '2024-01-01T00:02:00Z', 'not a number', 'b'],
      ['s-4', '2024-01-01T00:03:00Z', '4', 'c'],
    ]);
    const { result: job, blockedMs } = await longestBlock(async () => {
      const created = await upload(app.baseUrl, [{ name: 'long-row.csv', content }]);
      expect(created.status).toBe(202);
      return waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed'], 60_000);
    });
    expect(job).toMatchObject({ status: 'partial', rowsProcessed: 4, validRows: 2, invalidRowCount: 2 });
    expect(job.invalidRows.items.map(({ row, error }) => [row, error])).toEqual([
      [3, 'Row is larger than 32 MiB, the most one row may be: it was left out'],
      [4, 'value "not a number" is not a number'],
    ]);
    expect(blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });
});
