import type { z } from 'zod';

import type { Prisma } from '../generated/prisma/client';

/**
 * A JSON column's value read through its schema: what the database holds is checked, not assumed.
 * A value that does not fit is a fault in Sluice (or a hand-edited row), reported with the column.
 */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, column: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Stored ${column} does not have the expected shape (${issue?.path.join('.') || '(root)'}: ${issue?.message})`);
}

/** A nullable JSON column: null stays null. */
export function parseStoredOrNull<T>(schema: z.ZodType<T>, value: unknown, column: string): T | null {
  return value === null || value === undefined ? null : parseStored(schema, value, column);
}

/**
 * A typed value as a JSON column takes it. Prisma's input type cannot name interfaces without an
 * index signature; the values written are plain JSON data (contracts), so one conversion lives here.
 */
export function jsonValue(value: object): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
