/** The cells of one row as validation reads them: an array, or a LineCells that cuts cells out only when read. */
export interface RowCells {
  readonly length: number;
  at(index: number): string | undefined;
}

/**
 * The cells of a line without quotes, found by their commas and cut out only when read: a valid row of a wide file
 * is read for a few fields, and a row held back (see CsvFileValidator) costs one string, not one per cell.
 */
export class LineCells implements RowCells {
  constructor(
    private readonly line: string,
    /** Where each cell ends: the index of the comma after it, or the line's length. */
    private readonly ends: Int32Array,
  ) {}

  get length(): number {
    return this.ends.length;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.ends.length) return undefined;
    return this.line.slice(index === 0 ? 0 : this.ends[index - 1] + 1, this.ends[index]);
  }

  toArray(): string[] {
    return this.line.split(',');
  }
}

export function cellArray(cells: RowCells): string[] {
  if (Array.isArray(cells)) return cells;
  if (cells instanceof LineCells) return cells.toArray();
  return Array.from({ length: cells.length }, (_, index) => cells.at(index) ?? '');
}
