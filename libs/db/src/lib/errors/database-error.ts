/**
 * What a database failure means to a caller, without the driver's text:
 * - `unavailable`: the database cannot be reached, or its connection pool is exhausted;
 * - `bad_text`: text with NUL characters, which Postgres cannot store (the data is the problem);
 * - `bad_value`: a value that cannot be stored or looked up (too long, out of range, badly encoded);
 * - `invalid_argument`: the query was built from a value its column cannot take (a date that does not exist);
 * - `conflict`: a unique key is taken already;
 * - `reference`: a row refers to one that does not exist, or one that others still refer to;
 * - `not_found`: the row to change or delete is gone;
 * - `collision`: a deadlock or serialization failure with a change made at the same time (try again);
 * - `transient`: an interrupted transaction (try again);
 * - `other`: anything else the database client raised.
 */
export type DatabaseErrorKind = 'unavailable' | 'bad_text' | 'bad_value' | 'invalid_argument' | 'conflict' | 'reference' | 'not_found' | 'collision' | 'transient' | 'other';

export interface DatabaseError {
  kind: DatabaseErrorKind;
  /** Prisma's error code (P2002), when it gave one. */
  code?: string;
}

interface PrismaLikeError {
  name: string;
  code?: unknown;
  message: string;
  meta?: { code?: unknown };
}

/** Told apart by name, so that any generated client's classes are recognised. */
function isPrismaError(error: unknown): error is PrismaLikeError {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.startsWith('PrismaClient');
}

const UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const BAD_VALUE = new Set(['P2000', 'P2004', 'P2005', 'P2006', 'P2007', 'P2009', 'P2011', 'P2012', 'P2013', 'P2019', 'P2020', 'P2023', 'P2033']);
const NUL_TEXT = /\\u0000|0x00|invalid byte sequence|unsupported Unicode escape/i;
const CONNECTION_TROUBLE = /connect|timed out|terminat/i;

/** A known request error by Prisma's code and, for raw queries, Postgres' SQLSTATE. */
function kindOfCode(code: string, sqlState: string | undefined): DatabaseErrorKind {
  if (UNAVAILABLE.has(code) || sqlState?.startsWith('08') || sqlState === '57P01') return 'unavailable';
  if (BAD_VALUE.has(code) || sqlState?.startsWith('22')) return 'bad_value';
  if (code === 'P2002') return 'conflict';
  if (code === 'P2003' || sqlState?.startsWith('23')) return 'reference';
  if (code === 'P2025') return 'not_found';
  if (code === 'P2034' || sqlState === '40001' || sqlState === '40P01') return 'collision';
  if (code === 'P2028') return 'transient';
  return 'other';
}

/** What a database failure means, or null when the error did not come from the database client. */
export function classifyDatabaseError(error: unknown): DatabaseError | null {
  if (!isPrismaError(error)) return null;
  const code = error.code === undefined ? undefined : String(error.code);
  const known = (kind: DatabaseErrorKind): DatabaseError => (code ? { kind, code } : { kind });
  if (NUL_TEXT.test(error.message)) return known('bad_text');
  if (error.name === 'PrismaClientValidationError') return known('invalid_argument');
  if (error.name === 'PrismaClientInitializationError') return known('unavailable');
  const kind = error.name === 'PrismaClientKnownRequestError' && code ? kindOfCode(code, typeof error.meta?.code === 'string' ? error.meta.code : undefined) : 'other';
  return known(kind === 'other' && CONNECTION_TROUBLE.test(error.message) ? 'unavailable' : kind);
}

/** Whether trying the same statement again can succeed. */
export function isRetryableDatabaseError(error: DatabaseError): boolean {
  return error.kind === 'unavailable' || error.kind === 'collision' || error.kind === 'transient';
}
