// Webhook delivery against baselines measured in the same run, to a receiver in its own process:
//   bare undici POSTs (same connections, no signing, no limiter)  vs  Sluice's delivery path
//   (Standard Webhooks signing, bounded concurrency, the Postgres rate gate, retry bookkeeping);
//   and the measured arrival rate at the receiver vs a configured limit of 100 records/s.
// Postgres is started on the "bench" profile's port; the rate gate is the production one.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { findDataset } from '@sluice/core';
import { Database, databaseUrlFromEnv, openSecretBox, secretKeySourceFromEnv } from '@sluice/db';
import {
  AckCheckpoint,
  AddressPolicy,
  createSigner,
  deliverRecords,
  DeliveryListener,
  generateSigningSecret,
  OutgoingRecord,
  outgoingRecord,
  SharedRateGate,
  WebhookSender,
} from '@sluice/webhooks';
import { Agent, request } from 'undici';

import { startBenchDatabase, stopBenchDatabase } from './bench-database';

const RECORDS = Number(process.env['WEBHOOK_BENCH_RECORDS'] ?? 20_000);
const CONCURRENCY = 32;
const PACED_RATE = 100;
const PACED_RECORDS = 1000;

const RECEIVER = `
const http = require('node:http');
let arrivals = [];
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { arrivals.push(performance.timeOrigin + performance.now()); res.writeHead(200).end(); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => { if (m === 'report') { process.send({ arrivals }); arrivals = []; } else if (m === 'stop') process.exit(0); });
`;

type Receiver = { url: string; report(): Promise<number[]>; stop(): void };

async function startReceiver(): Promise<Receiver> {
  const script = join(tmpdir(), 'sluice-bench-receiver.js');
  writeFileSync(script, RECEIVER);
  const child = fork(script, [], { stdio: 'inherit' });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as (m: unknown) => void));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    report: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { arrivals: number[] }).arrivals));
        child.send('report');
      }),
    stop: () => child.send('stop'),
  };
}

async function bareBaseline(url: string, body: string): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < RECORDS) {
        const response = await request(url, { method: 'POST', dispatcher: agent, body, headers: { 'content-type': 'application/json' } });
        await response.body.dump();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return RECORDS / seconds;
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  const ownDatabase = !process.env['DATABASE_URL'];
  if (ownDatabase) process.env['DATABASE_URL'] = await startBenchDatabase();
  const db = new Database(databaseUrlFromEnv(process.env), openSecretBox(secretKeySourceFromEnv(process.env)));
  const { webhookEndpoints: endpoints, jobs } = db.repositories;
  const deliveries = db.repositories.deliveries.forWorkspace(DEFAULT_WORKSPACE_ID);
  const secret = generateSigningSecret();
  const endpoint = await endpoints.ensure(DEFAULT_WORKSPACE_ID, `${receiver.url}?${randomUUID()}`, { id: randomUUID(), secret });
  const people = findDataset('people');
  if (!people) throw new Error('The people preset is missing');

  // A job's delivery row is what the rate gate reserves on; the bench's jobs are removed with its endpoint at the end.
  const newJob = async (rateLimit: number | null) => {
    const id = randomUUID();
    const delivery = { endpointId: endpoint.id, url: receiver.url, rateLimit, retryDelaysMs: [1000, 3000, 9000] };
    const spec = { kind: 'dataset' as const, dataset: { version: null, definition: people }, delivery };
    await jobs.record(DEFAULT_WORKSPACE_ID, { id, dataset: 'bench', workflowId: `bench-${id}`, retentionHours: 1, files: [], delivery, spec });
    return id;
  };
  const recordsFor = (jobId: string, count: number): OutgoingRecord[] =>
    Array.from({ length: count }, (_, i) =>
      outgoingRecord(jobId, 'people', i, `{"email":"person${i}@example.com","full_name":"Person ${i}","company_domain":"example.com","seats":${i % 50}}`),
    );

  const sender = new WebhookSender({ policy: AddressPolicy.fromList('127.0.0.1'), connections: CONCURRENCY });
  const target = { url: receiver.url, sign: createSigner(secret), retryDelaysMs: [1000, 3000, 9000] };
  const deliver = async (jobId: string, records: OutgoingRecord[], stored?: AckCheckpoint) => {
    let delivered = 0;
    let failed = 0;
    const started = performance.now();
    const resources = { sender, concurrency: CONCURRENCY, gate: new SharedRateGate(deliveries, jobId), signal: new AbortController().signal };
    const listener: DeliveryListener = {
      // As deliverBatch does: the slot stays taken until the acknowledgement is stored.
      acknowledged: (recordIndex) => (delivered++, stored?.save(recordIndex)),
      failed: () => void failed++,
    };
    await deliverRecords(records, target, resources, listener);
    return { delivered, failed, seconds: (performance.now() - started) / 1000 };
  };

  const sample = recordsFor('bench', 1)[0].body;
  // Warm both paths (connections, JIT) before timing.
  await bareBaseline(receiver.url, sample);
  await deliver(await newJob(null), recordsFor('warm', 2000));
  await receiver.report();

  const bare = await bareBaseline(receiver.url, sample);
  await receiver.report();
  const unthrottledJob = await newJob(null);
  const unthrottled = await deliver(unthrottledJob, recordsFor(unthrottledJob, RECORDS));
  const unthrottledArrivals = (await receiver.report()).length;
  const sluiceRate = unthrottled.delivered / unthrottled.seconds;

  const checkpointedJob = await newJob(null);
  const checkpointed = await deliver(checkpointedJob, recordsFor(checkpointedJob, RECORDS), await AckCheckpoint.open(deliveries, checkpointedJob, 0));
  const checkpointedArrivals = (await receiver.report()).length;
  const checkpointedRate = checkpointed.delivered / checkpointed.seconds;

  // As the worker stores them: each write in a transaction that holds the attempt's fence.
  const fencedJob = await newJob(null);
  const fence = { jobId: fencedJob, scope: 'deliverBatch:0', token: Date.now() };
  await db.repositories.activityFences.claim(DEFAULT_WORKSPACE_ID, fence);
  const fencedStore = db.repositories.deliveries.forWorkspace(DEFAULT_WORKSPACE_ID, fence);
  const fenced = await deliver(fencedJob, recordsFor(fencedJob, RECORDS), await AckCheckpoint.open(fencedStore, fencedJob, 0));
  const fencedArrivals = (await receiver.report()).length;
  const fencedRate = fenced.delivered / fenced.seconds;

  const pacedJob = await newJob(PACED_RATE);
  const paced = await deliver(pacedJob, recordsFor(pacedJob, PACED_RECORDS));
  const arrivals = await receiver.report();
  const measured = (arrivals.length - 1) / ((arrivals[arrivals.length - 1] - arrivals[0]) / 1000);

  const rows = [
    ['bare undici POST (baseline)', `${Math.round(bare)} records/s`, '1.00×'],
    ['Sluice delivery, unthrottled', `${Math.round(sluiceRate)} records/s`, `${(bare / sluiceRate).toFixed(2)}× the baseline time (target ≥ 5000 records/s)`],
    ['  + each ack stored (checkpoint)', `${Math.round(checkpointedRate)} records/s`, `${(bare / checkpointedRate).toFixed(2)}× the baseline time`],
    ["  + under the attempt's fence", `${Math.round(fencedRate)} records/s`, `${(bare / fencedRate).toFixed(2)}× the baseline time`],
    [
      `Sluice delivery at ${PACED_RATE}/s`,
      `${measured.toFixed(2)} records/s measured at the receiver`,
      `${(((measured - PACED_RATE) / PACED_RATE) * 100).toFixed(2)} % off the limit (target ±3 %)`,
    ],
  ];
  console.log(`${RECORDS} records unthrottled, ${PACED_RECORDS} paced; ${CONCURRENCY} connections; peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
  for (const [what, value, ratio] of rows) console.log(`${what.padEnd(32)} ${value.padEnd(44)} ${ratio}`);
  if (
    unthrottled.failed ||
    paced.failed ||
    checkpointed.failed ||
    unthrottledArrivals !== RECORDS ||
    checkpointedArrivals !== RECORDS ||
    fenced.failed ||
    fencedArrivals !== RECORDS ||
    arrivals.length !== PACED_RECORDS
  ) {
    throw new Error(
      `Lost or failed records: ${JSON.stringify({ unthrottled, unthrottledArrivals, checkpointed, checkpointedArrivals, fenced, fencedArrivals, paced, pacedArrivals: arrivals.length })}`,
    );
  }

  await endpoints.deleteWithJobs(DEFAULT_WORKSPACE_ID, endpoint.id);
  await db.disconnect();
  await sender.close();
  receiver.stop();
  if (ownDatabase) await stopBenchDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
