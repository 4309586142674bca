import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { ProvenanceFiles } from '@sluice/jobs';
import { isMissingObject, ObjectStore, provenanceKey, s3ConfigFromEnv } from '@sluice/storage';

const WS = DEFAULT_WORKSPACE_ID;

/**
 * The API's local copies of merge provenance, against the test stack's MinIO: one download per job and
 * output version, shared by concurrent readers, gone when the version moves on, bounded in number.
 */
describe('local copies of merge provenance', () => {
  let store: ObjectStore;
  const dir = join(tmpdir(), `sluice-provenance-spec-${randomUUID()}`);
  const jobs = [randomUUID(), randomUUID(), randomUUID()];
  const reads: string[] = [];
  /** The store as the cache sees it, counting each read. */
  const counted = () => ({ read: async (key: string) => (reads.push(key), store.read(key)) });

  const publish = (jobId: string, content: string) => store.put(provenanceKey(WS, jobId), Readable.from([content]), 'application/vnd.apache.parquet');
  const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);

  beforeAll(async () => {
    store = new ObjectStore(s3ConfigFromEnv(process.env));
    for (const [index, jobId] of jobs.entries()) await publish(jobId, `job ${index} v1`);
  });

  afterAll(async () => {
    await store?.deleteKeys(jobs.map((jobId) => provenanceKey(WS, jobId)));
    store?.destroy();
  });

  beforeEach(() => {
    reads.length = 0;
  });

  it('downloads a version once, however many requests read it at the same time, and names the copy by a random id', async () => {
    const cache = new ProvenanceFiles({ store: counted(), dir, maxFiles: 10, maxBytes: 1 << 20 });
    const seen = await Promise.all([1, 2, 3].map(() => cache.use(WS, jobs[0], 1, async (file) => ({ file, text: readFileSync(file, 'utf8') }))));
    expect(seen.map((s) => s.text)).toEqual(['job 0 v1', 'job 0 v1', 'job 0 v1']);
    expect(new Set(seen.map((s) => s.file)).size).toBe(1);
    expect(seen[0].file).not.toContain(jobs[0]);
    expect(reads).toEqual([provenanceKey(WS, jobs[0])]);
    await cache.use(WS, jobs[0], 1, async () => undefined);
    expect(reads).toHaveLength(1);
    await cache.clear();
    expect(existsSync(dir)).toBe(false);
  });

  it("replaces a job's copy when its output moves to a new version, without deleting it under a reader", async () => {
    const cache = new ProvenanceFiles({ store: counted(), dir, maxFiles: 10, maxBytes: 1 << 20 });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let oldFile = '';
    const reading = cache.use(WS, jobs[1], 1, async (file) => {
      oldFile = file;
      await held;
      return readFileSync(file, 'utf8');
    });
    while (!oldFile) await new Promise((resolve) => setTimeout(resolve, 10));
    await publish(jobs[1], 'job 1 v2');
    expect(await cache.use(WS, jobs[1], 2, async (file) => readFileSync(file, 'utf8'))).toBe('job 1 v2');
    // The version 1 reader still has its file…
    expect(existsSync(oldFile)).toBe(true);
    release();
    expect(await reading).toBe('job 1 v1');
    // …which goes once it is done.
    expect(existsSync(oldFile)).toBe(false);
    expect(files()).toHaveLength(1);
    await cache.clear();
  });

  it('keeps at most the configured number of copies, dropping the least recently used', async () => {
    const cache = new ProvenanceFiles({ store: counted(), dir, maxFiles: 2, maxBytes: 1 << 20 });
    await cache.use(WS, jobs[0], 1, async () => undefined);
    await cache.use(WS, jobs[2], 1, async () => undefined);
    await cache.use(WS, jobs[0], 1, async () => undefined);
    await cache.use(WS, jobs[1], 2, async () => undefined);
    expect(files()).toHaveLength(2);
    reads.length = 0;
    await cache.use(WS, jobs[0], 1, async () => undefined);
    expect(reads).toEqual([]);
    await cache.use(WS, jobs[2], 1, async () => undefined);
    expect(reads).toEqual([provenanceKey(WS, jobs[2])]);
    await cache.clear();
  });

  it('keeps no file of a job without provenance, and rejects as the store does', async () => {
    const cache = new ProvenanceFiles({ store: counted(), dir, maxFiles: 2, maxBytes: 1 << 20 });
    const missing = await cache.use(WS, randomUUID(), 1, async () => 'read').catch((error: unknown) => error);
    expect(isMissingObject(missing)).toBe(true);
    expect(files()).toEqual([]);
    await cache.clear();
  });
});
