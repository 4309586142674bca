export interface Change {
  change: number | null;
  /** Percent change, rounded to 2 decimals; null when the previous value is missing or zero (never Infinity). */
  changePct: number | null;
}

export function changeBetween(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { change: null, changePct: null };
  const change = current - previous;
  return { change, changePct: previous === 0 ? null : Math.round((change / Math.abs(previous)) * 10_000) / 100 };
}
