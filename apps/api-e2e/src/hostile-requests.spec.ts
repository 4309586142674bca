import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TestDatabase } from '@sluice/db/testing';
import { ObjectStore, s3ConfigFromEnv } from '@sluice/storage';
import fc from 'fast-check';

import { ApiProcess, freePort, startApiProcess } from './support/api-process';
import { hostileString, INJECTIONS, multipartBody, nestedJson, Part, problemWithErrorBody, sensorCsv } from './support/hostile-inputs';
import { addedSince, StackContents, stackContents } from './support/leftovers';
import { RawPiece, requestHead, sendRaw } from './support/raw-http';

// Against a build that crashes, every crash costs a restart: HOSTILE_TIMEOUT_MS lets a measurement of one run long.
jest.setTimeout(Number(process.env['HOSTILE_TIMEOUT_MS'] ?? 120_000));

const ROOT = join(__dirname, '../../..');
const IDLE_TIMEOUT_MS = 1500;
const MAX_UPLOAD_MB = 10;
const MB = 1024 * 1024;
/** Paths of this machine that must never show up in an answer. */
const SERVER_PATHS = [ROOT, tmpdir(), '/tmp/'];

/** One operation of the OpenAPI document, with what a valid request would put in each parameter. */
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'query' | 'path'; required: boolean; example: string | undefined }[];
  bodyProperties: string[];
}

interface Answer {
  status: number | null;
  body: string;
  contentType: string;
  /** The Connection header of a raw request's answer. */
  connection?: string;
}

/** What is wrong with an answer, or null. */
type Check = (answer: Answer) => string | null;

/** Every hostile request, and what was wrong with how it was answered. */
class Tally {
  tried = 0;
  clean = 0;
  readonly problems: string[] = [];

  record(label: string, problem: string | null): string | null {
    this.tried += 1;
    if (problem) this.problems.push(`${label}: ${problem}`);
    else this.clean += 1;
    return problem;
  }
}

describe('hostile requests never take the API down (a real API process)', () => {
  let api: ApiProcess;
  let db: TestDatabase;
  let store: ObjectStore;
  let before: StackContents;
  let operations: Operation[];
  const tally = new Tally();

  beforeAll(async () => {
    // The admin's static files are served from here: the module that used to mask body errors is active.
    const admin = mkdtempSync(join(tmpdir(), 'sluice-admin-'));
    writeFileSync(join(admin, 'index.html'), '<!doctype html><title>admin</title>');
    api = await startApiProcess({
      ADMIN_DIST: admin,
      MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
      REQUEST_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      // Nothing here should start a job; if one slipped through, no worker of another suite picks it up.
      TEMPORAL_TASK_QUEUE: 'hostile-requests',
    });
    db = new TestDatabase();
    store = new ObjectStore(s3ConfigFromEnv(process.env));
    before = await stackContents(db, store);
    operations = await loadOperations(api.baseUrl);
  });

  afterAll(async () => {
    process.stderr.write(`hostile requests handled cleanly: ${tally.clean} / ${tally.tried}\n`);
    await api?.stop();
    await db?.disconnect();
    store?.destroy();
  });

  /** Sends one hostile request through `send`, judges the answer, and revives the API if it died. */
  async function probe(
    label: string,
    send: () => Promise<Answer>,
    {
      echoes = [] as string[],
      expect: expected = undefined as Check | undefined,
      /** What the request left in S3 or Postgres, checked once it was answered. */
      afterwards = undefined as (() => Promise<string | null>) | undefined,
      unanswered = false,
      dependencyDown = false,
      server = api,
    } = {},
  ): Promise<Answer> {
    let answer: Answer;
    try {
      answer = await send();
    } catch (error) {
      answer = { status: null, body: String((error as Error).cause ?? error), contentType: '' };
    }
    // A client that went away is owed no answer: only the process and what it leaves behind count.
    let problem = (unanswered ? null : (judge(answer, echoes, dependencyDown) ?? expected?.(answer) ?? null)) ?? (await afterwards?.()) ?? null;
    // A dropped connection may be the process dying: give the exit a moment to show, so it is blamed on this request.
    for (let waited = 0; answer.status === null && server.alive() && waited < 1000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // The process guard keeps the API up through an error nothing handled; that error is still a defect, so it counts.
    const escaped = server.takeEscapedErrors();
    if (escaped.length) problem = `an error escaped every handler (the process guard logged it): ${escaped[0].slice(0, 300)}${problem ? `; ${problem}` : ''}`;
    if (!server.alive()) {
      problem = `the API process exited (${server.exits.at(-1)?.code ?? server.exits.at(-1)?.signal})${problem ? `; ${problem}` : ''}`;
      await server.revive();
    }
    tally.record(label, problem);
    return answer;
  }

  function problemsOf(labelPrefix: string): string[] {
    return tally.problems.filter((p) => p.startsWith(labelPrefix));
  }

  const http =
    (method: string, path: string, init: { body?: string | Buffer | FormData; contentType?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
    async (): Promise<Answer> => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), init.timeoutMs ?? 20_000);
      try {
        const response = await fetch(`${init.baseUrl ?? api.baseUrl}${path}`, {
          method,
          body: Buffer.isBuffer(init.body) ? new Uint8Array(init.body) : init.body,
          headers: init.contentType ? { 'content-type': init.contentType } : {},
          signal: abort.signal,
        });
        const contentType = response.headers.get('content-type') ?? '';
        // The event stream never ends: its status and type are the answer.
        if (contentType.startsWith('text/event-stream')) {
          abort.abort();
          return { status: response.status, body: '', contentType };
        }
        return { status: response.status, body: await response.text(), contentType };
      } finally {
        clearTimeout(timer);
      }
    };

  const raw = (pieces: RawPiece[], options?: { timeoutMs?: number; hangUp?: boolean }) => async (): Promise<Answer> => {
    const response = await sendRaw(api.port, pieces, options);
    return { status: response.status, body: response.body, contentType: response.headers['content-type'] ?? '', connection: response.headers['connection'] };
  };

  function judge(answer: Answer, echoes: string[], dependencyDown: boolean): string | null {
    if (answer.status === null) return `no answer (${answer.body.slice(0, 200)})`;
    // A 503 is right only while a dependency really is down.
    if (answer.status >= 500 && !(dependencyDown && answer.status === 503)) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
    if (answer.status >= 400) return problemWithErrorBody(answer.body, echoes, SERVER_PATHS);
    return null;
  }

  const status =
    (...allowed: number[]): Check =>
    (answer) =>
      answer.status !== null && allowed.includes(answer.status) ? null : `expected ${allowed.join(' or ')}, got ${answer.status}: ${answer.body.slice(0, 200)}`;

  const messageMatching =
    (pattern: RegExp): Check =>
    (answer) => {
      const message = safeJson(answer.body)?.['message'];
      return pattern.test(Array.isArray(message) ? message.join('; ') : String(message)) ? null : `message does not match ${pattern}: ${answer.body.slice(0, 200)}`;
    };

  const both =
    (...checks: Check[]): Check =>
    (answer) =>
      checks.map((c) => c(answer)).find((p) => p) ?? null;

  /** A stalled body can never be read to its end: the answer must close the connection. */
  const closes: Check = (answer) => (answer.connection === 'close' ? null : `the connection stays open (Connection: ${answer.connection})`);

  async function leftovers(): Promise<string | null> {
    const added = addedSince(before, await stackContents(db, store));
    const found = [
      ...added.objects.map((k) => `object ${k}`),
      ...added.multipartUploads.map((u) => `unfinished multipart upload ${u}`),
      ...Object.entries(added.rows).map(([t, n]) => `${n} rows in ${t}`),
    ];
    return found.length ? `left behind: ${found.slice(0, 5).join(', ')}` : null;
  }

  /** Leftovers of a request the server may still be cleaning up after (the client went away): wait for them to go. */
  async function leftoversAfter(timeoutMs: number): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    let found = await leftovers();
    while (found && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      found = await leftovers();
    }
    return found;
  }

  describe('multipart uploads', () => {
    const boundary = '----sluice-hostile-7d1f';
    const head = (length: number, type = `multipart/form-data; boundary=${boundary}`) => requestHead('POST', '/api/uploads', { 'content-type': type, 'content-length': length });
    const validBody = (csv = sensorCsv(2000), fileName = 'readings.csv', dataset = 'sensor_readings') =>
      multipartBody(boundary, [
        { name: 'dataset', value: dataset },
        { name: 'files', value: csv, filename: fileName },
      ]);

    it('a body that ends inside a file part (Content-Length right, no closing boundary) is a 400, and the API keeps serving', async () => {
      const body = validBody();
      const cut = body.subarray(0, body.indexOf('s-1,2024') + 200);
      const answer = await probe('truncated file part', raw([head(cut.length), cut]), { expect: both(status(400), messageMatching(/multipart|ended|incomplete|truncated/i)) });
      expect(answer.status).toBe(400);
      expect(api.exits).toEqual([]);
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
      expect(await leftovers()).toBeNull();
    });

    it('a body cut anywhere before its closing boundary is a 400', async () => {
      const body = validBody(sensorCsv(4000));
      const end = body.lastIndexOf(`\r\n--${boundary}--`);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: end }), async (at) => {
          const cut = body.subarray(0, at);
          await probe(`cut at byte ${at}`, raw([head(cut.length), cut]), { expect: status(400) });
        }),
        { numRuns: 30 },
      );
      expect(problemsOf('cut at byte')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });

    it('garbled boundaries and part headers are refused with a 4xx', async () => {
      // For a dataset that does not exist: noise that leaves the body readable is refused too, and nothing stays.
      const body = validBody(sensorCsv(2000), 'readings.csv', 'no_such_dataset');
      const structure = [...body.toString('latin1').matchAll(new RegExp(`--${boundary}(--)?\\r\\n(Content-[^\\r]*\\r\\n)*`, 'g'))].map(
        (m) => [m.index, m.index + m[0].length] as const,
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...structure), fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.nat(), async ([start, end], noise, offset) => {
          const at = start + (offset % (end - start));
          const garbled = Buffer.concat([body.subarray(0, at), Buffer.from(noise), body.subarray(at + noise.length)]);
          await probe(`garbled at byte ${at}`, raw([head(garbled.length), garbled]), { expect: status(400, 413, 415) });
        }),
        { numRuns: 30 },
      );
      expect(problemsOf('garbled at')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });

    it('bad boundaries and content types are a 400', async () => {
      const body = validBody();
      const types = [
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=""',
        `multipart/form-data; boundary=${'b'.repeat(200)}`,
        'multipart/form-data; boundary=other-boundary',
        `multipart/form-data; boundary=${boundary}\u0000`,
        'multipart/mixed; boundary=x',
        'text/csv',
        'application/x-www-form-urlencoded',
      ];
      for (const type of types) {
        await probe(`content type ${JSON.stringify(type)}`, raw([head(body.length, type), body]), { expect: status(400, 415) });
      }
      expect(problemsOf('content type')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });

    it('traversal, control-character and hostile file names never reach S3 outside the job, and refused ones leave nothing', async () => {
      const names = [
        '../../etc/passwd.csv',
        '..\\..\\windows\\system.csv',
        '/etc/shadow.csv',
        'a\u0000b.csv',
        '\u202Evsc.exe.csv',
        '....//....//x.csv',
        `${'a'.repeat(5000)}.csv`,
        '.csv',
        '%2e%2e%2fx.csv',
        'con.csv',
        'x.csv\r\nX-Injected: 1',
        '../../etc/passwd',
      ];
      for (const fileName of names) {
        const body = validBody(sensorCsv(500), fileName, 'no_such_dataset');
        await probe(`file name ${JSON.stringify(fileName.slice(0, 40))}`, raw([head(body.length), body]), { echoes: [fileName], expect: status(400) });
      }
      expect(problemsOf('file name')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });

    it('form fields with NUL bytes, huge values or in huge numbers are a 400', async () => {
      const bodies: [string, Part[]][] = [
        ['NUL in dataset', [{ name: 'dataset', value: 'sensor_readings\u0000' }]],
        [
          'NUL in retentionHours',
          [
            { name: 'dataset', value: 'sensor_readings' },
            { name: 'retentionHours', value: '1\u0000' },
          ],
        ],
        ['SQL in dataset', [{ name: 'dataset', value: 'x\' OR 1=1; DROP TABLE "Job"; --' }]],
        ['huge dataset', [{ name: 'dataset', value: 'd'.repeat(2 * MB) }]],
        [
          'huge retention',
          [
            { name: 'dataset', value: 'sensor_readings' },
            { name: 'retentionHours', value: '1e400' },
          ],
        ],
        ['many fields', Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, value: 'x' }))],
        [
          'NUL in webhookUrl',
          [
            { name: 'dataset', value: 'sensor_readings' },
            { name: 'mode', value: 'webhook' },
            { name: 'webhookUrl', value: 'https://example.com/\u0000' },
          ],
        ],
      ];
      for (const [label, fields] of bodies) {
        const body = multipartBody(boundary, [...fields, { name: 'files', value: sensorCsv(300), filename: 'a.csv' }]);
        await probe(`form: ${label}`, raw([head(body.length), body]), { echoes: fields.map((f) => String(f.value)), expect: status(400, 413) });
      }
      expect(problemsOf('form:')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });

    it('a file over the limit is a 413 and its S3 multipart upload is aborted', async () => {
      const body = validBody(sensorCsv((MAX_UPLOAD_MB + 1) * MB), 'big.csv');
      await probe('oversized file', raw([head(body.length), body], { timeoutMs: 60_000 }), {
        expect: both(status(413), messageMatching(/larger than the 10 MB limit/)),
        afterwards: leftovers,
      });
      expect(problemsOf('oversized file')).toEqual([]);
    });

    it('a body announced larger than any upload may be is a 413 before it is read', async () => {
      await probe('10 GB announced', raw([head(10 * 1024 * MB), validBody().subarray(0, 1000)], { timeoutMs: 15_000 }), {
        expect: both(status(413), messageMatching(/larger than the .* a request may carry/), closes),
        afterwards: leftovers,
      });
      expect(problemsOf('10 GB announced')).toEqual([]);
    });

    it('a body cut after S3 began a multipart upload is a 400 and the multipart upload is aborted', async () => {
      const body = validBody(sensorCsv(9 * MB), 'nine.csv');
      const cut = body.subarray(0, body.length - 1000);
      await probe('truncated after 9 MB', raw([head(cut.length), cut], { timeoutMs: 60_000 }), { expect: status(400), afterwards: leftovers });
      expect(problemsOf('truncated after 9 MB')).toEqual([]);
    });

    it('a client that sends 1 KB and stalls is answered 408 after the idle timeout, and nothing is kept', async () => {
      const body = validBody(sensorCsv(64 * 1024));
      const answer = await probe('1 KB then stall', raw([head(body.length), body.subarray(0, 1024)], { timeoutMs: IDLE_TIMEOUT_MS + 15_000 }), {
        expect: both(status(408), messageMatching(/No data arrived for 1.5 s/), closes),
        afterwards: leftovers,
      });
      expect(answer.status).toBe(408);
      expect(problemsOf('1 KB then stall')).toEqual([]);
    });

    it('a client that stalls after 9 MB is answered 408 and its S3 multipart upload is aborted', async () => {
      const body = validBody(sensorCsv(9 * MB), 'nine.csv');
      await probe('9 MB then stall', raw([head(body.length), body.subarray(0, body.length - 1000)], { timeoutMs: IDLE_TIMEOUT_MS + 30_000 }), {
        expect: both(status(408), closes),
        afterwards: leftovers,
      });
      expect(problemsOf('9 MB then stall')).toEqual([]);
    });

    it('a client that goes away mid-upload leaves nothing in S3, and the API keeps serving', async () => {
      const body = validBody(sensorCsv(9 * MB), 'nine.csv');
      await probe('hang up after 9 MB', raw([head(body.length), body.subarray(0, body.length - 1000), { pauseMs: 500 }], { hangUp: true }), {
        unanswered: true,
        afterwards: () => leftoversAfter(20_000),
      });
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
      expect(problemsOf('hang up')).toEqual([]);
    });

    it('a request without a body whose answer is slow is never cut off by the idle timeout', async () => {
      // The job event stream stays quiet for 15 s between pings: far longer than the idle timeout here.
      const socket = connect(api.port, '127.0.0.1');
      let received = '';
      let closed = false;
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => (closed = true));
      socket.on('error', () => (closed = true));
      socket.write(requestHead('GET', '/api/events/jobs', { accept: 'text/event-stream' }));
      await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 3));
      const stillOpen = !closed;
      socket.destroy();
      expect(received).toMatch(/^HTTP\/1\.1 200/);
      expect(stillOpen).toBe(true);
    });

    it('a slow upload that keeps sending is never cut off by the idle timeout', async () => {
      const body = validBody(sensorCsv(30_000), 'slow.csv', 'no_such_dataset');
      const pieces: RawPiece[] = [head(body.length)];
      const step = Math.ceil(body.length / 12);
      for (let at = 0; at < body.length; at += step) pieces.push(body.subarray(at, at + step), { pauseMs: Math.round(IDLE_TIMEOUT_MS / 3) });
      // Read to the end, then refused for its dataset: proof it was not cut off.
      await probe('slow but steady upload', raw(pieces, { timeoutMs: 30_000 }), { expect: both(status(400), messageMatching(/^Unknown dataset "no_such_dataset"/)) });
      expect(problemsOf('slow but steady')).toEqual([]);
      expect(await leftovers()).toBeNull();
    });
  });

  describe('query and path parameters of every route (from the OpenAPI document)', () => {
    it('the document lists the routes, with their parameters', () => {
      const routes = operations.map((o) => `${o.method} ${o.path}`);
      expect(routes).toEqual(expect.arrayContaining(['GET /api/jobs', 'GET /api/metrics/compare', 'PUT /api/datasets/{name}', 'POST /api/uploads']));
      expect(operations.flatMap((o) => o.params).length).toBeGreaterThan(20);
    });

    it('every injection string in every parameter is answered with a 4xx sentence (or a 2xx), never a 5xx', async () => {
      for (const operation of operations) {
        for (const param of operation.params) {
          for (const value of INJECTIONS) {
            await probe(`inject ${operation.method} ${operation.path} ${param.name}=${JSON.stringify(value.slice(0, 30))}`, sendWith(operation, { [param.name]: value }), {
              echoes: [value, percentEncode(value)],
            });
          }
        }
      }
      expect(problemsOf('inject ')).toEqual([]);
    });

    it('random strings in random parameters, with the others valid (fast-check)', async () => {
      const targets = operations.flatMap((operation) => operation.params.map((param) => ({ operation, param })));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...targets), hostileString, async ({ operation, param }, value) => {
          await probe(
            `random param ${operation.method} ${operation.path} ${param.name}=${JSON.stringify(value.slice(0, 30))}`,
            sendWith(operation, { [param.name]: value }, true),
            { echoes: [value, percentEncode(value)] },
          );
        }),
        { numRuns: 150 },
      );
      expect(problemsOf('random param ')).toEqual([]);
    });

    it('the 500s of the issue are 400s naming the parameter', async () => {
      const cases: [string, RegExp][] = [
        ['/api/jobs?dataset=%00', /dataset/],
        ['/api/jobs?from=2026-13-45', /from/],
        ['/api/jobs?to=2026-02-30', /to/],
        ['/api/jobs?page=99999999999999999999', /page/],
        ['/api/metrics/compare?source=%00&metric=open_rate', /source/],
        ['/api/metrics/series?source=email_engagement&metric=open_rate&dimension=domain&value=%00', /value/],
        ['/api/metrics/series?source=email_engagement&metric=open_rate&from=2026-13-45', /from/],
        [`/api/jobs/not-a-uuid`, /id/],
        [`/api/webhooks/${'9'.repeat(40)}`, /id/],
        ['/api/datasets/people/versions/99999999999999999999', /version/],
      ];
      for (const [path, names] of cases) {
        await probe(`known ${path}`, http('GET', path), { expect: both(status(400), messageMatching(names)) });
      }
      expect(problemsOf('known ')).toEqual([]);
    });
  });

  describe('JSON bodies on every JSON route', () => {
    const jsonRoutes = () => operations.filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method));
    const url = (operation: Operation) => fillPath(operation, {});

    it('malformed JSON is a 400 with a message on every route, whatever serves static files', async () => {
      const malformed = ['{', '{"a":', '[1,2,', 'nul', "{'a':1}", '{"a":1}x', '\u0000', '{"a":01}', '[,]', 'NaN', '{"a":"\\x"}', '\uFEFF{}x'];
      for (const operation of jsonRoutes()) {
        for (const body of malformed) {
          await probe(
            `malformed ${operation.method} ${operation.path} ${JSON.stringify(body)}`,
            http(operation.method, url(operation), { body, contentType: 'application/json' }),
            {
              expect: both(status(400), operation.path === '/api/uploads' ? () => null : messageMatching(/JSON/)),
            },
          );
        }
      }
      expect(problemsOf('malformed')).toEqual([]);
    });

    it('invalid UTF-8 and unsupported charsets are 400/415 with a message', async () => {
      for (const operation of jsonRoutes()) {
        await probe(
          `bad bytes ${operation.method} ${operation.path}`,
          http(operation.method, url(operation), { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: 'application/json' }),
        );
        for (const charset of ['iso-8859-1', 'utf-99']) {
          await probe(
            `charset ${charset} ${operation.method} ${operation.path}`,
            http(operation.method, url(operation), { body: '{}', contentType: `application/json; charset=${charset}` }),
            { expect: status(400, 415) },
          );
        }
      }
      expect(problemsOf('bad bytes')).toEqual([]);
      expect(problemsOf('charset')).toEqual([]);
    });

    it('an oversized JSON body is a 413 on every route', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(3 * MB) });
      for (const operation of jsonRoutes().filter((o) => o.path !== '/api/uploads')) {
        await probe(`too large JSON ${operation.method} ${operation.path}`, http(operation.method, url(operation), { body: huge, contentType: 'application/json' }), {
          expect: both(status(413), messageMatching(/larger than|too large/i)),
        });
      }
      expect(problemsOf('too large JSON')).toEqual([]);
    });

    it('deeply nested JSON is refused quickly, and the API keeps answering', async () => {
      const deep = [nestedJson(100_000), `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, `{"fields":${nestedJson(3_000)}}`, `[${'{"a":['.repeat(2000)}${']}'.repeat(2000)}]`];
      for (const operation of jsonRoutes().filter((o) => o.path !== '/api/uploads')) {
        for (const body of deep) {
          const started = Date.now();
          await probe(`deep ${operation.method} ${operation.path} (${body.length} B)`, http(operation.method, url(operation), { body, contentType: 'application/json' }), {
            expect: both(status(400, 413), () => (Date.now() - started > 5000 ? `took ${Date.now() - started} ms` : null)),
          });
        }
      }
      expect(problemsOf('deep ')).toEqual([]);
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    });

    it('hostile values in every documented body field are a 4xx sentence, never a 5xx', async () => {
      for (const operation of jsonRoutes().filter((o) => o.path !== '/api/uploads')) {
        const fields = operation.bodyProperties.length ? operation.bodyProperties : ['name'];
        for (const field of fields) {
          for (const value of ['\u0000', "' OR 1=1 --", 'x'.repeat(70_000), '2026-13-45', '𝔘🧨\u202E']) {
            await probe(
              `body ${operation.method} ${operation.path} ${field}=${JSON.stringify(value.slice(0, 20))}`,
              http(operation.method, url(operation), { body: JSON.stringify({ [field]: value }), contentType: 'application/json' }),
              { echoes: [value] },
            );
          }
          for (const value of [1e308, -1, 99999999999999999999, null, [], {}, true]) {
            await probe(
              `body ${operation.method} ${operation.path} ${field}=${JSON.stringify(value)}`,
              http(operation.method, url(operation), { body: JSON.stringify({ [field]: value }), contentType: 'application/json' }),
            );
          }
        }
      }
      expect(problemsOf('body ')).toEqual([]);
    });

    it('random JSON values on random routes are never a 5xx (fast-check)', async () => {
      const routes = jsonRoutes().filter((o) => o.path !== '/api/uploads');
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 8 }), async (operation, value) => {
          const body = JSON.stringify(value) ?? 'null';
          await probe(`random JSON ${operation.method} ${operation.path}`, http(operation.method, url(operation), { body, contentType: 'application/json' }), {
            echoes: collectStrings(value),
            expect: (a) =>
              a.status !== null &&
              a.status < 300 &&
              !['POST /api/datasets/import', 'POST /api/datasets/detect', 'POST /api/pipelines/check'].includes(`${operation.method} ${operation.path}`)
                ? `accepted ${body.slice(0, 100)}`
                : null,
          });
        }),
        { numRuns: 100 },
      );
      expect(problemsOf('random JSON')).toEqual([]);
    });

    it('a JSON body that stops arriving is answered 408 after the idle timeout', async () => {
      const pieces = [requestHead('PUT', '/api/datasets/hostile_stall', { 'content-type': 'application/json', 'content-length': 1000 }), '{"name":"hostile_stall",'];
      await probe('JSON stall', raw(pieces, { timeoutMs: IDLE_TIMEOUT_MS + 15_000 }), { expect: both(status(408), closes) });
      expect(problemsOf('JSON stall')).toEqual([]);
    });
  });

  describe('requests that are not valid HTTP', () => {
    it('are answered with a 4xx sentence, and the connection closed', async () => {
      const requests: [string, string][] = [
        ['NUL in the request line', 'GET /api/jobs?x=\u0000 HTTP/1.1\r\nhost: x\r\n\r\n'],
        ['space in the path', 'GET /api/jo bs HTTP/1.1\r\nhost: x\r\n\r\n'],
        ['huge header', `GET /api/jobs HTTP/1.1\r\nhost: x\r\ncookie: ${'c'.repeat(40_000)}\r\n\r\n`],
        ['bad chunk size', 'PUT /api/datasets/x HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
        ['negative length', 'PUT /api/datasets/x HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: -1\r\n\r\n{}'],
        ['length and chunked', 'POST /api/uploads HTTP/1.1\r\nhost: x\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n'],
        ['not HTTP', '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n'],
      ];
      for (const [label, request] of requests) {
        await probe(`not HTTP: ${label}`, raw([Buffer.from(request, 'latin1')], { timeoutMs: 10_000 }), { expect: status(400, 413, 431) });
      }
      expect(problemsOf('not HTTP')).toEqual([]);
    });
  });

  // Temporal's own retries make a request wait ~20 s before it gives up; the 503 it then gets is covered by error-answer.spec.ts.
  describe('while S3 is down', () => {
    let down: ApiProcess;

    beforeAll(async () => {
      // A port that was free a moment ago: nothing answers there.
      const nowhere = `127.0.0.1:${await freePort()}`;
      down = await startApiProcess({ S3_ENDPOINT: `http://${nowhere}`, MAX_UPLOAD_MB: String(MAX_UPLOAD_MB) });
    });

    afterAll(() => down?.stop());

    it('an upload is a 503 naming the object store, health says so, and the process keeps serving', async () => {
      const form = new FormData();
      form.append('dataset', 'sensor_readings');
      form.append('files', new Blob([sensorCsv(500)]), 'a.csv');
      await probe('S3 down: upload', http('POST', '/api/uploads', { body: form, baseUrl: down.baseUrl, timeoutMs: 60_000 }), {
        server: down,
        dependencyDown: true,
        expect: both(status(503), messageMatching(/object store/i)),
      });
      expect(problemsOf('S3 down')).toEqual([]);
      expect((await fetch(`${down.baseUrl}/health`)).status).toBe(503);
      expect(down.exits).toEqual([]);
    });
  });

  it('left nothing in S3 or Postgres, the process never exited, and every hostile request was answered cleanly', async () => {
    expect(await leftoversAfter(5000)).toBeNull();
    expect(api.exits.map((e) => `${e.code ?? e.signal}: ${e.output.slice(-2000)}`)).toEqual([]);
    expect(tally.tried).toBeGreaterThanOrEqual(150);
    expect(tally.problems).toEqual([]);
  });

  /** Sends the operation with `values` in its parameters; the other required ones (all, with `allExamples`) get their documented examples. */
  function sendWith(operation: Operation, values: Record<string, string>, allExamples = false): () => Promise<Answer> {
    const query = operation.params
      .filter((p) => p.in === 'query')
      .flatMap((p) => (p.name in values ? [[p.name, values[p.name]]] : (p.required || allExamples) && p.example !== undefined ? [[p.name, p.example]] : []));
    const search = query.length ? `?${query.map(([k, v]) => `${k}=${percentEncode(v)}`).join('&')}` : '';
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(operation.method) && operation.path !== '/api/uploads';
    return http(operation.method, fillPath(operation, values) + search, hasBody ? { body: '{}', contentType: 'application/json' } : {});
  }
});

function fillPath(operation: Operation, values: Record<string, string>): string {
  // Names that exist nowhere: a hostile value never lands on (or changes) real data.
  const harmless: Record<string, string> = { name: 'no_such_dataset', version: '1' };
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode(values[name] ?? harmless[name] ?? randomUUID()));
}

/** encodeURIComponent, except that a lone surrogate goes out as the invalid UTF-8 a careless client would send. */
function percentEncode(value: string): string {
  return [...value]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        const unit = char.charCodeAt(0);
        return [0xed, 0xa0 | ((unit >> 6) & 0x1f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
    })
    .join('');
}

async function loadOperations(baseUrl: string): Promise<Operation[]> {
  const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string; in: string; required?: boolean; example?: unknown; schema?: { default?: unknown; enum?: unknown[]; example?: unknown } }[];
          requestBody?: { content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> };
        }
      >
    >;
    components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const resolved = schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (operation.parameters ?? [])
          .filter((p) => p.in === 'query' || p.in === 'path')
          .map((p) => {
            const example = p.example ?? p.schema?.example ?? p.schema?.default ?? p.schema?.enum?.[0];
            return { name: p.name, in: p.in as 'query' | 'path', required: Boolean(p.required), example: example === undefined ? undefined : String(example) };
          }),
        bodyProperties: Object.keys(resolved?.properties ?? {}),
      });
    }
  }
  return operations;
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...collectStrings(v)]);
  return [];
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
