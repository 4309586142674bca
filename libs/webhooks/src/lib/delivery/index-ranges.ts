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

/**
 * A growing set of integers kept as sorted [first, last] runs. Adding one costs a binary search,
 * and the runs are ready to store: a batch's acknowledgements, arriving nearly in order, stay a few runs.
 */
export class IndexRanges implements Iterable<number> {
  private readonly runs: [number, number][] = [];
  private count = 0;

  constructor(runs: readonly [number, number][] = []) {
    for (const [first, last] of runs) for (let value = first; value <= last; value++) this.add(value);
  }

  get size(): number {
    return this.count;
  }

  has(value: number): boolean {
    const run = this.runs[this.firstEndingAtOrAfter(value)];
    return run !== undefined && run[0] <= value;
  }

  add(value: number): void {
    const at = this.firstEndingAtOrAfter(value - 1);
    const run = this.runs[at];
    if (run && run[0] <= value && value <= run[1]) return;
    this.count += 1;
    if (!run || run[0] > value + 1) {
      this.runs.splice(at, 0, [value, value]);
    } else if (value === run[0] - 1) {
      // The run before ends below value - 1 (that is how `at` was found), so nothing joins from the left.
      run[0] = value;
    } else {
      run[1] = value;
      const next = this.runs[at + 1];
      if (next && next[0] === value + 1) {
        run[1] = next[1];
        this.runs.splice(at + 1, 1);
      }
    }
  }

  toJSON(): [number, number][] {
    return this.runs.map(([first, last]) => [first, last]);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const [first, last] of this.runs) for (let value = first; value <= last; value++) yield value;
  }

  private firstEndingAtOrAfter(value: number): number {
    let low = 0;
    let high = this.runs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.runs[middle][1] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
