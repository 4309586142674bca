import type { TrailingSection } from '@sluice/contracts';

import type { RowCells } from '../validation/row-cells';
import { cellArray } from '../validation/row-cells';

/** A row as the file's reader found it: cells and the line it ends on. */
export interface ReadRecord {
  cells: RowCells;
  line: number;
}

/** What the shaper makes of records: the header, data rows, or lines it holds back as not being data. */
export type ShapedEvent = { kind: 'header'; cells: string[]; line: number } | { kind: 'row'; cells: RowCells; line: number };

/** Rows held while deciding whether a block after the data is a trailing table: a longer block is data after all. */
const MAX_HELD_ROWS = 1000;
const MAX_HELD_CELLS = 200_000;
/** How much of a skipped line the report keeps. */
export const REPORTED_TEXT_CHARS = 200;

// The first cell is the label ("Total", "Grand total:", "Summe"), never a name that starts with one ("Total Gym").
// The label may go on in brackets or after a colon: "Grand Totals (5 records)", "Total: 12".
const TOTALS = /^(((grand|sub)[\s-]?)?totals?|sum(me)?|gesamt(summe)?|totaux?|totale|total g[ée]n[ée]ral)(\s*[(:].*)?$/i;
/** Values that stand for "no value" in a numeric column: text over a number, but no header. */
const NO_VALUE = /^(n\/?a|na|-+|—|null|none|nil|unknown|\?+|#n\/a|tbd|tba)$/i;

export function reportedText(text: string): string {
  return text.length > REPORTED_TEXT_CHARS ? `${text.slice(0, REPORTED_TEXT_CHARS)}…` : text;
}

/** Blank: no cell holds anything but whitespace (an empty line, spaces only, only delimiters). */
export function isBlankRow(cells: RowCells): boolean {
  // Nearly every row has something in its first cell: the check stops there.
  for (let i = 0; i < cells.length; i += 1) if ((cells.at(i) ?? '').trim() !== '') return false;
  return true;
}

const NUMBER = /^[-+(]?[$€£¥]?\s?\d[\d.,' ]*%?\)?$/;

function hasNumber(cells: RowCells): boolean {
  for (let i = 0; i < cells.length; i += 1) if (NUMBER.test((cells.at(i) ?? '').trim())) return true;
  return false;
}

/** A row that reads like a header over the row before it: text where that row had numbers, and no number of its own. */
function headerLike(cells: RowCells, before: RowCells | null): boolean {
  if (!before) return false;
  let textOverNumber = 0;
  for (let i = 0; i < cells.length; i += 1) {
    const cell = (cells.at(i) ?? '').trim();
    if (NUMBER.test(cell)) return false;
    if (cell !== '' && !NO_VALUE.test(cell) && NUMBER.test((before.at(i) ?? '').trim())) textOverNumber += 1;
  }
  return textOverNumber > 0;
}

function unlabelledTotals(cells: RowCells): boolean {
  if ((cells.at(0) ?? '').trim() !== '' || cells.length < 2) return false;
  let numbers = 0;
  for (let i = 1; i < cells.length; i += 1) {
    const cell = (cells.at(i) ?? '').trim();
    if (cell === '') continue;
    if (!NUMBER.test(cell)) return false;
    numbers += 1;
  }
  return numbers > 0;
}

function firstFilled(cells: RowCells): string {
  for (let i = 0; i < cells.length; i += 1) {
    const cell = (cells.at(i) ?? '').trim();
    if (cell !== '') return cell;
  }
  return '';
}

/**
 * Turns records into a header and data rows, the way a person reads an export: blank lines are skipped
 * (counted), and what follows the data without being data — a second table below a blank line, a totals
 * line at the end — is reported, not read as rows. Such a section is only known once the file ends, so
 * candidate rows are held back (a bounded number: a long block is data after all) and released as rows
 * when real data follows them.
 */
export class TableShaper {
  private header: string[] | null = null;
  private dataRows = 0;
  private blankSinceData = false;
  /** The last data row, to tell a header of a second table from data below a blank line. */
  private lastRow: RowCells | null = null;
  /** Held rows: a candidate trailing section, and what kind it would be. */
  private held: ReadRecord[] = [];
  private heldCells = 0;
  private heldKind: TrailingSection['kind'] | null = null;
  private heldFrom = 0;
  private blankWhileHolding = false;
  readonly trailing: TrailingSection[] = [];
  blankLines = 0;

  constructor(
    /** The text of a record for the report (its cells joined by the file's delimiter). */
    private readonly textOf: (cells: string[]) => string,
  ) {}

  get headerCells(): string[] | null {
    return this.header;
  }

  push(record: ReadRecord): ShapedEvent[] {
    if (isBlankRow(record.cells)) {
      this.blank();
      return [];
    }
    if (!this.header) {
      this.header = cellArray(record.cells);
      return [{ kind: 'header', cells: this.header, line: record.line }];
    }
    if (this.heldKind) return this.pushWhileHolding(record);
    const kind = this.trailingKind(record);
    if (kind) {
      this.hold(record, kind);
      return [];
    }
    return this.emit(record);
  }

  /** A blank line the file's reader skipped itself (an empty line); blank rows given to push count the same. */
  blank(lines = 1): void {
    this.blankLines += lines;
    if (this.header && this.dataRows > 0) this.blankSinceData = true;
    if (this.heldKind) this.blankWhileHolding = true;
  }

  end(): ShapedEvent[] {
    if (this.heldKind) {
      const first = this.held[0];
      this.trailing.push({
        kind: this.heldKind,
        line: first.line,
        lines: this.held[this.held.length - 1].line - this.heldFrom + 1,
        text: reportedText(this.textOf(cellArray(first.cells))),
      });
      this.held = [];
      this.heldKind = null;
    }
    return [];
  }

  /** Whether a record may start a section that is not data: a totals line, or a differently shaped block after a blank line. */
  private trailingKind(record: ReadRecord): TrailingSection['kind'] | null {
    if (this.dataRows === 0) return null;
    if (TOTALS.test(firstFilled(record.cells))) return 'totals';
    // A totals line without a label (Google Analytics): below a blank line, an empty first cell and only numbers.
    if (this.blankSinceData && unlabelledTotals(record.cells)) return 'totals';
    const header = this.header as string[];
    if (!this.blankSinceData) return null;
    // A differently shaped row with numbers in it is a ragged data row (the validator rejects it); a second table starts with a title or a header.
    if (
      (record.cells.length !== header.length && !hasNumber(record.cells)) ||
      headerLike(record.cells, this.lastRow) ||
      cellArray(record.cells).every((cell, i) => cell.trim() === header[i]?.trim())
    )
      return 'table';
    return null;
  }

  private hold(record: ReadRecord, kind: TrailingSection['kind']): void {
    this.heldKind = kind;
    this.blankWhileHolding = false;
    this.heldFrom = record.line;
    this.held = [record];
    this.heldCells = record.cells.length;
  }

  private pushWhileHolding(record: ReadRecord): ShapedEvent[] {
    // A row shaped like the data (its width, numbers where the data has them) after the held rows: they were data too.
    if (this.dataLike(record)) return [...this.release(), ...this.emit(record)];
    this.held.push(record);
    this.heldCells += record.cells.length;
    if (this.held.length > MAX_HELD_ROWS || this.heldCells > MAX_HELD_CELLS) return this.release();
    return [];
  }

  /**
   * Like the data rows: as wide as the header and, where the last data row held numbers, numbers (or nothing) too.
   * A second table's rows differ in width or in kind; a row of the data a blank line or a totals-like label interrupted does not.
   */
  private dataLike(record: ReadRecord): boolean {
    const header = this.header as string[];
    if (record.cells.length !== header.length || TOTALS.test(firstFilled(record.cells))) return false;
    const before = this.lastRow;
    if (!before) return true;
    const first = this.held[0];
    // Below a header-like row of the same width, rows shaped like the data are that second table's own.
    if (first && this.heldKind === 'table' && first.cells.length === header.length && headerLike(first.cells, before)) return false;
    for (let i = 0; i < record.cells.length; i += 1) {
      const cell = (record.cells.at(i) ?? '').trim();
      if (NUMBER.test((before.at(i) ?? '').trim()) && cell !== '' && !NUMBER.test(cell) && !NO_VALUE.test(cell)) return false;
    }
    return true;
  }

  /** The held rows were data after all. */
  private release(): ShapedEvent[] {
    const rows = this.held.flatMap((held) => this.emit(held));
    this.held = [];
    this.heldKind = null;
    return rows;
  }

  private emit(record: ReadRecord): ShapedEvent[] {
    this.dataRows += 1;
    this.blankSinceData = false;
    this.lastRow = record.cells;
    return [{ kind: 'row', cells: record.cells, line: record.line }];
  }
}
