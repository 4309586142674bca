// What must never reach a user in an error: engine, driver and runtime internals.
const LEAKS: [string, RegExp][] = [
  ['SQL text', /\b(SELECT\b.+\bFROM|INSERT INTO|DELETE FROM|UPDATE \S+ SET|COPY \(|CREATE (TEMP |OR REPLACE )?(TABLE|VIEW)|read_csv|list_transform)/i],
  ['a stack frame', /\bat (async )?[\w$.<>[\] ]+ \(?[^()\s]+:\d+:\d+\)?/],
  ['a temp path', /\/tmp\/|sluice-duckdb|staged-\d+\.csv|node_modules|\/work\//],
  ['an engine error prefix', /\b(Binder|Parser|Catalog|Conversion|Invalid Input|INTERNAL|Out of Memory|Constraint|Not implemented|Dependency|Serialization) Error\b/],
  ['driver text', /PrismaClient|prisma\.\w+\.\w+\(|invocation|Transaction API error|ECONNREFUSED|ENOSPC/],
  ["Temporal's wording", /activity (Heartbeat|StartToClose|ScheduleToStart|ScheduleToClose) timeout/i],
  ['a raw error class', /^(Error|TypeError|RangeError|DuckDbFailure|CsvError)\b/],
];

/** Messages longer than this are not read by anyone (the raw DuckDB messages were 10.9 KB). */
export const MAX_MESSAGE_LENGTH = 1000;

/** Why a message is not a sentence for a user, or null when it is one. A job's error lists its files' errors joined by "; ". */
export function unreadable(message: string): string | null {
  if (message.trim() === '') return 'it is empty';
  const longest = Math.max(...message.split('; ').map((part) => part.length));
  if (longest > MAX_MESSAGE_LENGTH) return `it runs ${longest} characters without a break`;
  for (const [what, pattern] of LEAKS) if (pattern.test(message)) return `it contains ${what}`;
  return null;
}
