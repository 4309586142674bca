import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import type { FileOutcome } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { sensorReadingsDataset } from '@sluice/core';
import { TestDatabase } from '@sluice/db/testing';
import { ObjectStore, s3ConfigFromEnv, uploadKey } from '@sluice/storage';
import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';

import type { ActivityDeps } from '../../worker/src/app/activities/activity-deps';
import { parseAndValidate } from '../../worker/src/app/activities/parse-and-validate.activity';
import { watchEventLoop } from './support/event-loop';

const MIB = 1024 * 1024;
// Generous: the machine is shared and loaded. Before, these files held the loop for seconds to minutes.
const MAX_BLOCK_MS = 1000;

/**
 * parseAndValidate on its own, against the real Postgres and S3 of the test stack, with the event loop watched:
 * here the process holds no API or workflow bundler, so a long pause is the activity's and not garbage collection
 * of a large test process.
 */
describe('parseAndValidate leaves the event loop free', () => {
  let db: TestDatabase;
  let store: ObjectStore;
  let deps: ActivityDeps;

  beforeAll(async () => {
    db = new TestDatabase();
    store = new ObjectStore(s3ConfigFromEnv(process.env));
    deps = { db: db.repositories, store, webhooks: { sender: null as never, concurrency: 1 } };
    // The API installs the presets when it starts; this spec runs the activity without it.
    await db.repositories.datasets.installPreset(DEFAULT_WORKSPACE_ID, sensorReadingsDataset);
  });

  afterAll(async () => {
    await db?.disconnect();
    store?.destroy();
  });

  async function storedFile(content: string) {
    const jobId = randomUUID();
    const uploadId = randomUUID();
    const key = uploadKey(DEFAULT_WORKSPACE_ID, jobId, uploadId, 'file.csv');
    await store.put(key, Readable.from([Buffer.from(content)]));
    await db.recordDatasetJob({
      id: jobId,
      dataset: 'sensor_readings',
      workflowId: `parse-test-${jobId}`,
      retentionHours: 1,
      files: [{ uploadId, fileName: 'file.csv', objectKey: key, sizeBytes: content.length }],
    });
    return { jobId, file: { uploadId, key } };
  }

  /** Runs the activity on `content`, measuring the longest the loop was held and the longest wait between heartbeats. */
  async function parseWatched(content: string) {
    const input = { workspaceId: DEFAULT_WORKSPACE_ID, ...(await storedFile(content)), dataset: 'sensor_readings' };
    // Refused files are expected here: the activity's failure log would only be noise.
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    const beats: number[] = [];
    env.on('heartbeat', () => beats.push(performance.now()));
    const loop = watchEventLoop();
    const started = performance.now();
    let outcome: FileOutcome | null = null;
    let error: Error | null = null;
    try {
      outcome = await env.run(parseAndValidate, deps, input);
    } catch (failure) {
      error = failure as Error;
    }
    const blockedMs = loop.longestBlockMs();
    const ended = performance.now();
    const marks = [started, ...beats, ended];
    const heartbeatGapMs = Math.max(...marks.slice(1).map((at, i) => at - marks[i]));
    return { outcome, error, blockedMs, elapsedMs: ended - started, heartbeats: beats.length, heartbeatGapMs };
  }

  const row = (i: number, extra: number) => [`s-${i}`, '2024-01-01T00:00:00Z', String(i), ...Array.from({ length: extra }, (_, c) => String(c % 10))].join(',');
  const header = (extra: number) => ['sensor_id', 'timestamp', 'value', ...Array.from({ length: extra }, (_, c) => `extra_${c}`)].join(',');

  it('refuses a 5 MB header of 650,000 columns in seconds without holding the loop', async () => {
    const wide = Array.from({ length: 650_000 }, (_, i) => `c${i}`).join(',');
    const run = await parseWatched(`${wide}\n1,2,3\n`);
    expect(run.error?.message).toBe("File has 650,000 columns; at most 20,000 columns are allowed per file (the worker's WORKER_MAX_COLUMNS setting)");
    expect(run.elapsedMs).toBeLessThan(10_000);
    expect(run.blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });

  it('reads 20,000 columns without holding the loop, heartbeating as it goes', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => row(i, 19_997));
    const run = await parseWatched([header(19_997), ...rows].join('\n') + '\n');
    expect(run.error).toBeNull();
    expect(run.outcome).toMatchObject({ rowsProcessed: 150, validRows: 150, invalidRows: 0 });
    expect(run.outcome?.columns).toHaveLength(20_000);
    expect(run.blockedMs).toBeLessThan(MAX_BLOCK_MS);
    // JobProgress heartbeats at most once a second; a parse that takes longer must not go quiet for long.
    if (run.elapsedMs > 2000) expect(run.heartbeats).toBeGreaterThan(0);
    expect(run.heartbeatGapMs).toBeLessThan(5000);
  });

  it('stages a row with a 16 MB cell without holding the loop', async () => {
    const cell = 'x'.repeat(16 * MIB);
    const run = await parseWatched(`sensor_id,timestamp,value\n"${cell}",2024-01-01T00:00:00Z,1\ns-2,2024-01-01T00:01:00Z,2\n`);
    expect(run.error).toBeNull();
    expect(run.outcome).toMatchObject({ rowsProcessed: 2, validRows: 2, invalidRows: 0 });
    const staged = await text(await store.read(run.outcome?.stagedKey as string));
    const lines = staged.split('\n');
    // Each staged row starts with its line in the upload (see STAGED_LINE_COLUMN).
    expect(lines.map((line) => line.length)).toEqual([39, 16 * MIB + 29, 32, 0]);
    expect(lines[1] === `2,${cell},2024-01-01T00:00:00.000Z,1`).toBe(true);
    expect(run.blockedMs).toBeLessThan(MAX_BLOCK_MS);
  });
});
