/** Sorted integers as [first, last] runs: a batch's acknowledged records fit in a heartbeat this way. */
export function toRanges(values: Iterable<number>): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const value of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && value <= last[1] + 1) last[1] = Math.max(last[1], value);
    else ranges.push([value, value]);
  }
  return ranges;
}

export function fromRanges(ranges: readonly [number, number][] | undefined): Set<number> {
  const values = new Set<number>();
  for (const [first, last] of ranges ?? []) for (let value = first; value <= last; value++) values.add(value);
  return values;
}
