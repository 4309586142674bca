import fc from 'fast-check';

/** What a careless client or an attacker puts into a parameter: SQL, NUL bytes, odd unicode, huge and impossible values. */
export const INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  '1; DROP TABLE "Job"; --',
  '"; SELECT pg_sleep(5); --',
  '\u0000',
  'people\u0000',
  '%00',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '{"$ne":null}',
  '__proto__',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\u202Egnp.exe',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ẞ ﷽ 🧨',
  '\uD800',
  ' ',
  '',
  '-1',
  '0',
  '1e400',
  '99999999999999999999999999',
  '2147483648',
  'NaN',
  '2026-13-45',
  '0000-00-00',
  '2026-02-30',
  'x'.repeat(10_000),
];

/** Strings fast-check draws: anything from the injection list, any unicode, control characters, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', "'", '"', ';', '%', '\\', '/', '.', '\n', '\r'), minLength: 1, maxLength: 20 }),
  fc.tuple(fc.constantFrom('a', '9', '-', '\u0000'), fc.integer({ min: 500, max: 5000 })).map(([c, n]) => c.repeat(n)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
);

export interface Part {
  name: string;
  value: string | Buffer;
  /** Makes it a file part. */
  filename?: string;
}

/** A multipart/form-data body with the given boundary, byte for byte. */
export function multipartBody(boundary: string, parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.filename === undefined ? '' : 'Content-Type: text/csv\r\n';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A valid CSV of about `bytes` bytes for sensor_readings. */
export function sensorCsv(bytes: number): string {
  const row = 's-1,2024-01-01T00:00:00Z,1.5\n';
  return `sensor_id,timestamp,value\n${row.repeat(Math.max(1, Math.ceil(bytes / row.length)))}`;
}

/** `depth` arrays inside each other: JSON that a recursive reader would overflow on. */
export function nestedJson(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

const STACK_FRAME = /\bat \S+ \(?[^)]*:\d+:\d+\)?|^\s+at\s/m;
const SQL = /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set|where)\b|\bSQLSTATE\b|\bviolates\b|\brelation "|syntax error at or near/i;
const DRIVER = /prisma|invocation|DriverAdapter|ConnectorError|\$queryRaw|ECONNREFUSED|grpc|node_modules|\.(ts|js):\d+/i;

/**
 * What is wrong with an error body, or null: it must carry a message that reads as a sentence and
 * gives away nothing about the server (stack frames, SQL, driver names, file paths). Echoes of the
 * client's own input are left out before looking.
 */
export function problemWithErrorBody(body: string, echoes: string[] = [], serverPaths: string[] = []): string | null {
  let text = body;
  for (const echo of echoes.filter((e) => e.length > 2)) {
    for (const form of [echo, JSON.stringify(echo).slice(1, -1)]) text = text.split(form).join('');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 200) || '(empty body)'}`;
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  const sentence = Array.isArray(message) ? message.join('; ') : message;
  if (typeof sentence !== 'string' || !/[A-Za-z]{2,}\W+[A-Za-z]{2,}/.test(sentence)) return `no sentence in "message": ${body.slice(0, 200)}`;
  for (const [what, pattern] of [
    ['a stack frame', STACK_FRAME],
    ['SQL', SQL],
    ['driver internals', DRIVER],
  ] as const) {
    if (pattern.test(text)) return `${what} in the body: ${text.slice(0, 300)}`;
  }
  const path = serverPaths.find((p) => text.includes(p));
  if (path) return `a server path (${path}) in the body: ${text.slice(0, 300)}`;
  return null;
}
