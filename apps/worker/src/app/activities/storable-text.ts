// Postgres text and jsonb cannot hold NUL (a CSV can): what Sluice stores shows it as U+FFFD, as a viewer
// would, and keeps every other character. Without this, one NUL in a header made a job's outcome unstorable.

export const storableText = (text: string): string => (text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text);

/** A JSON value with every string (keys included) made storable. */
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storableJson(item)])) as T;
  return value;
}
