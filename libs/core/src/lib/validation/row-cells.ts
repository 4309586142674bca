/** The cells of one row as validation reads them: an array, or a LineCells that cuts cells out only when read. */
export interface RowCells {
  readonly length: number;
  at(index: number): string | undefined;
}

/** One delimiter position kept in this many: a row costs little memory, and a cell is found in a few steps. */
const EVERY = 64;

/**
 * The cells of a line without quotes, found by their delimiters and cut out only when read: a valid row of a wide
 * file is read for a few fields, and a row held back (see CsvFileValidator) costs one string, not one per cell.
 */
export class LineCells implements RowCells {
  /** Where every EVERY-th cell starts. */
  private readonly starts: Int32Array;

  /** `delimiters` holds the position of each delimiter of the line, in order. */
  constructor(
    private readonly line: string,
    delimiters: Int32Array,
    readonly length: number,
    private readonly delimiter = ',',
  ) {
    this.starts = new Int32Array(Math.ceil(length / EVERY));
    for (let k = 1; k < this.starts.length; k += 1) this.starts[k] = delimiters[k * EVERY - 1] + 1;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    let start = this.starts[Math.floor(index / EVERY)];
    for (let skip = index % EVERY; skip > 0; skip -= 1) start = this.line.indexOf(this.delimiter, start) + 1;
    const end = this.line.indexOf(this.delimiter, start);
    return this.line.slice(start, end === -1 ? this.line.length : end);
  }

  toArray(): string[] {
    return this.line.split(this.delimiter);
  }
}

export function cellArray(cells: RowCells): string[] {
  if (Array.isArray(cells)) return cells;
  if (cells instanceof LineCells) return cells.toArray();
  return Array.from({ length: cells.length }, (_, index) => cells.at(index) ?? '');
}
