import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import { CSV_PARSE_OPTIONS } from './csv-file-validator';
import type { CsvRecordEvent, RecordLimits } from './csv-record-reader';
import { CsvRecordReader } from './csv-record-reader';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded } from './file-limits';
import { cellArray, LineCells } from './row-cells';

type Outcome = { rows: { line: number; cells: string[] }[] } | { error: string };

/** Reads `text` cut into the given pieces. */
function readInPieces(text: string, cuts: number[], limits: RecordLimits = DEFAULT_FILE_LIMITS): CsvRecordEvent[] {
  const reader = new CsvRecordReader(limits);
  const events: CsvRecordEvent[] = [];
  let from = 0;
  // Decoded text never splits a character in two, so neither do the cuts.
  const splitsPair = (at: number) => /[\ud800-\udbff]/.test(text[at - 1] ?? '');
  for (const cut of [...cuts.filter((c) => c < text.length && !splitsPair(c))].sort((a, b) => a - b)) {
    events.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  events.push(...reader.push(text.slice(from)));
  events.push(...reader.end());
  return events.map((event) => (event.kind === 'record' ? { ...event, cells: cellArray(event.cells) } : event));
}

function byReader(text: string, cuts: number[]): Outcome {
  try {
    return { rows: readInPieces(text, cuts).map((e) => (e.kind === 'record' ? { line: e.line, cells: cellArray(e.cells) } : { line: e.line, cells: [e.kind] })) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function byCsvParse(text: string): Outcome {
  try {
    const records = parse(text, CSV_PARSE_OPTIONS) as unknown as { record: string[]; info: { lines: number } }[];
    return { rows: records.map(({ record, info }) => ({ line: info.lines, cells: record })) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('CsvRecordReader', () => {
  it('reads any text exactly as csv-parse does, however it is cut: cells, line numbers and errors', () => {
    const char = fc.constantFrom('a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', 'é', '😀');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((chars) => chars.join('')),
        fc.array(fc.nat(40), { maxLength: 4 }),
        (text, cuts) => {
          expect(byReader(text, cuts)).toEqual(byCsvParse(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads well-formed files with quotes, line endings and blank lines as csv-parse does', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z,"\n\r ]{0,6}$/).map((value) => `"${value.replace(/"/g, '""')}"`),
    );
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));
    const file = fc
      .tuple(fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([rows, eol, trailing]) => rows.join(eol) + (trailing ? eol : ''));
    fc.assert(
      fc.property(file, fc.array(fc.nat(80), { maxLength: 6 }), (text, cuts) => {
        expect(byReader(text, cuts)).toEqual(byCsvParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops a row over the size limit on its own and keeps every other row and line number', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxRowBytes: 20 };
    const text = ['a,b', '1,2', `${'x'.repeat(30)},3`, '"multi', 'line",4', `"${'y'.repeat(15)}\n${'y'.repeat(15)}",5`, '', '6,7'].join('\n');
    for (const cuts of [[], [5, 11, 17, 23, 40], Array.from({ length: text.length }, (_, i) => i)]) {
      expect(readInPieces(text, cuts, limits)).toEqual([
        { kind: 'record', line: 1, cells: ['a', 'b'] },
        { kind: 'record', line: 2, cells: ['1', '2'] },
        { kind: 'oversized', line: 3 },
        { kind: 'record', line: 5, cells: ['multi\nline', '4'] },
        { kind: 'oversized', line: 7 },
        { kind: 'record', line: 9, cells: ['6', '7'] },
      ]);
    }
  });

  it('measures rows in bytes, not characters', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxRowBytes: 12 };
    // 6 characters, 12 bytes: fits; one more is over.
    expect(readInPieces('a\néééééé\néééééé,\n', []).map((e) => e.kind)).toEqual(['record', 'record', 'record']);
    expect(readInPieces('a\néééééé\n"éééééé",\n', [], limits).map((e) => e.kind)).toEqual(['record', 'record', 'oversized']);
  });

  it('counts the cells of a row wider than any file may be without keeping them', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxColumns: 3 };
    expect(readInPieces('a,b\n1,2,3,4,5\n"1",2,3,4\n1,2\n', [9], limits)).toEqual([
      { kind: 'record', line: 1, cells: ['a', 'b'] },
      { kind: 'too-wide', line: 2, cellCount: 5 },
      { kind: 'too-wide', line: 3, cellCount: 4 },
      { kind: 'record', line: 4, cells: ['1', '2'] },
    ]);
  });

  it('refuses a header over the column limit, naming the count, and one over the size limit as soon as it is read that far', () => {
    const wide = Array.from({ length: 25_000 }, (_, i) => `c${i}`).join(',');
    expect(() => readInPieces(`${wide}\n1\n`, [1000, 70_000])).toThrow(new FileLimitExceeded('maxColumns', 'File has 25,000 columns; at most 20,000 columns are allowed per file'));

    const reader = new CsvRecordReader({ ...DEFAULT_FILE_LIMITS, maxHeaderBytes: 1024 * 1024 });
    reader.push('a,'.repeat(300_000));
    expect(() => reader.push('a,'.repeat(300_000))).toThrow('The header row is larger than 1 MiB, the most a header row may be');
  });

  it('splits a 10,000-column row quickly', () => {
    const row = Array.from({ length: 10_000 }, (_, i) => String(i)).join(',');
    const text = `${row}\n`.repeat(200);
    const started = performance.now();
    const events = readInPieces(
      text,
      Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => i * 65_536),
    );
    expect(events).toHaveLength(200);
    expect(events.every((e) => e.kind === 'record' && e.cells.length === 10_000)).toBe(true);
    expect(events[7].kind === 'record' && [events[7].cells.at(0), events[7].cells.at(9_999)]).toEqual(['0', '9999']);
    // 2 million cells; csv-parse takes several seconds for these on this machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('LineCells', () => {
  it('reads any cell of a long line as splitting it would', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? '' : `v${i}`));
    const line = cells.join(',');
    const commas = Int32Array.from(Array.from(line.matchAll(/,/g), (m) => m.index as number));
    const lazy = new LineCells(line, commas, cells.length);
    expect(Array.from({ length: cells.length }, (_, i) => lazy.at(i))).toEqual(cells);
    expect([lazy.at(-1), lazy.at(1000), lazy.length]).toEqual([undefined, undefined, 1000]);
    expect(lazy.toArray()).toEqual(cells);
  });
});
