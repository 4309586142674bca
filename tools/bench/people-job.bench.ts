// A whole CRM people job end to end, through the public REST API only, against a real stack of the
// "bench" profile's own (Postgres, Temporal, MinIO, and the built API and worker as processes), timed
// against baselines measured in the same run on the same file: DuckDB's bare read, and polars doing
// the job's steps (when Python can install it). The machine may be busy: the ratios are what count.
// Per job it also counts S3 GetObject requests (MinIO's metrics) and the activities run (Temporal history).
// `BENCH=people npm run bench -- 100000` for a quick run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import type { JobDetailView } from '@sluice/contracts';
import { Client, Connection } from '@temporalio/client';

import { waitForStatus } from '../../apps/api-e2e/src/support/api-client';
import { ApiProcess, startApiProcess } from '../../apps/api-e2e/src/support/api-process';
import { WorkerProcess } from '../../apps/api-e2e/src/support/worker-process';
import { tool } from './bench-database';
import { bareDuckDbRead } from './duckdb-baseline';
import { time } from './wall-time';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ROOT = process.cwd();
const INVALID = (i: number) => i % 100 === 37;
// A later row repeats an earlier person (its email in another case, with fields the first left empty).
const REPEATS = (i: number) => i % 20 === 19;
const REPEAT_LAG = 7;

const HEADERS = [
  ' First Name',
  'SURNAME',
  'Full Name',
  'E-mail',
  'Job Title',
  'LinkedIn',
  'City',
  'Company',
  'About Company',
  'Website',
  'Company LinkedIn URL',
  'Employees',
  'Company City',
  'Annual Revenue',
];
const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Chen',
  'Aisha',
  'Mateo',
  'Sofia',
  'Liam',
  'Noor',
  'Kenji',
  'Olga',
  'Sean',
  'Amara',
  'Lukas',
  'Priya',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  "O'Brien",
  'McDonald',
  'van der Berg',
  'Nguyen',
  'Kim',
  'Patel',
  'Müller',
  'Rossi',
  'Silva',
  'Kowalski',
  'Haddad',
  'Tanaka',
  'Dubois',
  'Novak',
  'Larsen',
  'Okafor',
];
const TITLES = [
  'VP of Sales',
  'Head of Marketing',
  'Software Engineer',
  'CTO',
  'Account Executive',
  'Operations Manager',
  'Data Analyst',
  'Founder & CEO',
  'Product Manager',
  'HR Business Partner',
];
const CITIES = ['Austin, TX', 'London', 'Berlin', 'New York, NY', 'São Paulo', 'Toronto', 'Paris', 'Singapore', 'Sydney', 'Lagos', 'Bangalore', 'Madrid'];
const WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne', 'Wonka'];
const KINDS = ['Labs', 'Systems', 'Analytics', 'Logistics', 'Health', 'Capital', 'Foods', 'Energy'];
const ABOUT = [
  'B2B software for logistics teams',
  'Payments, lending and treasury',
  'Clinical data platform',
  'Renewable energy, storage and grid services',
  'Marketplace for used equipment',
  'Security "zero trust" tooling',
];

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function person(p: number, repeat: boolean): string[] {
  const first = FIRST[p % FIRST.length];
  const last = LAST[(p * 7) % LAST.length];
  const c = p % 5000;
  const company = `${WORDS[c % WORDS.length]} ${KINDS[(c >> 3) % KINDS.length]} ${c}`;
  const domain = `${WORDS[c % WORDS.length].toLowerCase()}${c}.com`;
  const email = `${first}.${last}${p}@${domain}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  const sparse = !repeat && p % 3 === 0;
  const website = [`https://www.${domain}/`, domain, `http://${domain}/about?ref=crm`, ''][p % 4];
  return [
    p % 11 === 0 ? `  ${first.toLowerCase()} ` : first,
    last,
    p % 5 === 0 ? `${first} ${last}`.toUpperCase() : `${first} ${last}`,
    repeat ? `  ${email.toUpperCase()} ` : email,
    TITLES[p % TITLES.length],
    sparse ? '' : `https://www.linkedin.com/in/${first}-${last}-${p}`.toLowerCase().replace(/[^a-z0-9:/.-]/g, ''),
    CITIES[p % CITIES.length],
    company,
    sparse ? '' : ABOUT[c % ABOUT.length],
    website,
    sparse ? '' : `linkedin.com/company/${domain.replace('.com', '')}`,
    sparse ? '' : p % 2 === 0 ? (((c * 37) % 90_000) + 1000).toLocaleString('en') : String(((c * 37) % 900) + 10),
    CITIES[(c + 3) % CITIES.length],
    sparse ? '' : p % 2 === 0 ? `$${(((c * 7919) % 50_000_000) + 100_000).toLocaleString('en')}` : `${(c * 7919) % 50_000_000}.50`,
  ];
}

/** The row's cells with one value made unreadable: an email that is none, a count or revenue that is no number. */
function spoil(cells: string[], i: number): string[] {
  const spoilt = [...cells];
  const which = Math.floor(i / 100) % 3;
  if (which === 0) spoilt[3] = spoilt[3].replace('@', ' at ');
  else if (which === 1) spoilt[11] = 'lots';
  else spoilt[13] = 'n/a';
  return spoilt;
}

/** The messy people export; returns what a correct job must report for it. */
async function makePeopleFile(file: string): Promise<{ invalid: number; duplicates: number }> {
  const out = createWriteStream(file);
  const counts = { invalid: 0, duplicates: 0 };
  let chunk = HEADERS.map(cell).join(',') + '\r\n';
  for (let i = 0; i < ROWS; i += 1) {
    const repeat = REPEATS(i);
    let cells = person(repeat ? i - REPEAT_LAG : i, repeat);
    if (INVALID(i)) {
      cells = spoil(cells, i);
      counts.invalid += 1;
    } else if (repeat) counts.duplicates += 1;
    chunk += cells.map(cell).join(',') + '\r\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return counts;
}

/** polars in a venv cached under the bench profile's data folder; null (with the reason printed) when Python cannot provide it. */
function polarsPython(dataDir: string): string | null {
  const venv = join(dataDir, 'polars-venv');
  const python = join(venv, 'bin', 'python');
  const works = () => spawnSync(python, ['-c', 'import polars'], { stdio: 'ignore' }).status === 0;
  if (existsSync(python) && works()) return python;
  const made = spawnSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (made.status !== 0) return skip(`python3 -m venv failed (${made.error?.message ?? made.stderr.toString().trim().split('\n').pop()})`);
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'polars'], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (pip.status !== 0 || !works()) return skip(`pip install polars failed (${pip.stderr.toString().trim().split('\n').pop()})`);
  return python;
}

function skip(reason: string): null {
  console.log(`baseline: polars skipped: ${reason}`);
  return null;
}

function polarsJob(python: string, file: string, output: string): { ms: number; valid: number; written: number } {
  const started = performance.now();
  const run = spawnSync(python, [join(ROOT, 'tools/bench/polars-people.py'), file, output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`polars baseline failed:\n${run.stderr}`);
  return { ms: performance.now() - started, ...JSON.parse(run.stdout.trim().split('\n').pop() as string) };
}

/** Builds the API and the worker from this checkout (Nx's cache makes an unchanged build quick), so the bench measures the code it sits next to. */
function buildApps(): void {
  const nx = require.resolve('nx/bin/nx', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '-p', 'api', 'worker', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) throw new Error('Building the API and worker failed (npx nx run-many -t build -p api worker)');
}

/** S3 requests MinIO has served so far, per API name (getobject, putobject, …), from its Prometheus metrics. */
async function s3Requests(endpoint: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${endpoint}/minio/v2/metrics/cluster`)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^minio_s3_requests_total\{[^}]*api="([^"]+)"[^}]*\} ([0-9.e+]+)$/gm)) {
    counts.set(match[1], (counts.get(match[1]) ?? 0) + Number(match[2]));
  }
  return counts;
}

/** The counts once they stop changing: MinIO refreshes its cluster metrics every few seconds. */
async function settledS3Requests(endpoint: string): Promise<Map<string, number>> {
  let last = await s3Requests(endpoint);
  for (let stable = 0; stable < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const now = await s3Requests(endpoint);
    stable = JSON.stringify([...now]) === JSON.stringify([...last]) ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/** Activities the job's workflow ran, by type: how many, and the seconds from scheduled to closed, from its Temporal history. */
async function activitiesRun(address: string, workflowId: string): Promise<Map<string, { count: number; ms: number }>> {
  const connection = await Connection.connect({ address });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const at = (event: (typeof history.events & object)[number]) => Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
    const scheduled = new Map<string, { name: string; at: number }>();
    const counts = new Map<string, { count: number; ms: number }>();
    for (const event of history.events ?? []) {
      const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
      if (name) scheduled.set(String(event.eventId), { name, at: at(event) });
      const closed = event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
      const start = closed && scheduled.get(String(closed.scheduledEventId));
      if (!start) continue;
      const sum = counts.get(start.name) ?? { count: 0, ms: 0 };
      counts.set(start.name, { count: sum.count + 1, ms: sum.ms + at(event) - start.at });
    }
    return counts;
  } finally {
    await connection.close();
  }
}

function peakRssMb(pid: number | undefined): string {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? `${(Number(kb) / 1024).toFixed(0)} MB` : 'unknown';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
const perSecond = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s`.padStart(16);
const line = (name: string, ms: number, extra = '') => console.log(`${name.padEnd(38)} ${seconds(ms)} ${perSecond(ms)}${extra}`);

function checkJob(job: JobDetailView, expected: { invalid: number; duplicates: number }): void {
  const unmapped = job.files.flatMap((f) => f.columns.filter((c) => c.field === null).map((c) => c.header));
  const problems = [
    job.status !== 'partial' && `status ${job.status} (expected partial): ${job.error}`,
    unmapped.length > 0 && `unmapped headers ${unmapped.join(', ')}`,
    job.rowsProcessed !== ROWS && `${job.rowsProcessed} rows processed`,
    job.invalidRowCount !== expected.invalid && `${job.invalidRowCount} invalid rows (expected ${expected.invalid})`,
    job.merge?.duplicatesRemoved !== expected.duplicates && `${job.merge?.duplicatesRemoved} duplicates removed (expected ${expected.duplicates})`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`The job did not do the work measured: ${problems.join('; ')}`);
}

async function main() {
  const profile = tool('dev/profiles.js').resolveProfile('bench');
  const { startStack, stopStack } = tool('dev/stack.js');
  const dir = mkdtempSync(join(tmpdir(), 'sluice-people-bench-'));
  const processes: { api?: ApiProcess; worker?: WorkerProcess } = {};
  try {
    const file = join(dir, 'crm-people.csv');
    const expected = await makePeopleFile(file);
    const bytes = statSync(file).size;
    console.log(
      `${ROWS.toLocaleString('en')} people rows, ${(bytes / 1e6).toFixed(0)} MB: ${expected.invalid.toLocaleString('en')} invalid, ${expected.duplicates.toLocaleString('en')} repeats to merge`,
    );

    const duckdb = await time(() => bareDuckDbRead(file));
    if (duckdb.result !== ROWS) throw new Error(`DuckDB read ${duckdb.result} rows`);
    line('baseline: DuckDB bare read', duckdb.ms);
    const python = polarsPython(profile.dataDir);
    const polars = python ? polarsJob(python, file, join(dir, 'polars-out.csv')) : null;
    if (polars) line('baseline: polars read+clean+dedupe+write', polars.ms, `  (${polars.written.toLocaleString('en')} rows out)`);

    buildApps();
    const { env } = await startStack('bench', { fresh: true, headless: true, log: () => undefined });
    processes.worker = await WorkerProcess.start(env);
    processes.api = await startApiProcess({ ...env, MAX_UPLOAD_MB: String(Math.ceil(bytes / 2 ** 20) + 1) });
    const before = await settledS3Requests(env.S3_ENDPOINT);

    const form = new FormData();
    form.append('dataset', 'people');
    form.append('files', await openAsBlob(file), 'crm-people.csv');
    const uploaded = await time(() => fetch(`${processes.api?.baseUrl}/api/uploads`, { method: 'POST', body: form }));
    const answer = (await uploaded.result.json()) as { jobId?: string };
    if (uploaded.result.status !== 202 || !answer.jobId) throw new Error(`Upload answered ${uploaded.result.status}: ${JSON.stringify(answer)}`);
    const job = await waitForStatus(processes.api.baseUrl, answer.jobId, ['processed', 'partial', 'failed'], 60 * 60_000);
    checkJob(job, expected);
    const processingMs = Date.parse(job.finishedAt as string) - Date.parse(job.uploadTime);
    const after = await settledS3Requests(env.S3_ENDPOINT);
    const requests = (api: string) => (after.get(api) ?? 0) - (before.get(api) ?? 0);
    const activities = await activitiesRun(env.TEMPORAL_ADDRESS, job.workflowId);

    line('upload (POST /api/uploads → 202)', uploaded.ms, `  ${(bytes / 1e6 / (uploaded.ms / 1000)).toFixed(0)} MB/s`);
    line(
      'people job (created → finished)',
      processingMs,
      `  ${(processingMs / duckdb.ms).toFixed(1)}x DuckDB read${polars ? `, ${(processingMs / polars.ms).toFixed(1)}x polars` : ''}`,
    );
    console.log(`${'worker peak RSS (VmHWM)'.padEnd(38)} ${peakRssMb(processes.worker.pid).padStart(8)}`);
    console.log(
      `job: ${job.validRows.toLocaleString('en')} valid, ${job.invalidRowCount.toLocaleString('en')} invalid, ${job.merge?.duplicatesRemoved.toLocaleString('en')} duplicates removed, ${job.merge?.rowsOut.toLocaleString('en')} rows out`,
    );
    console.log(`S3 requests from upload to finish: GetObject ${requests('getobject')}, PutObject ${requests('putobject')}, multipart parts ${requests('putobjectpart')}`);
    console.log(`activities: ${[...activities].map(([name, run]) => `${name} ×${run.count} ${(run.ms / 1000).toFixed(1)} s`).join(', ')}`);
  } finally {
    await processes.api?.stop();
    await processes.worker?.kill('SIGTERM');
    await stopStack('bench');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
