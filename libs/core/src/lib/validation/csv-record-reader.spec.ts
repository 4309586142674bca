import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import type { CsvDialect } from '@sluice/contracts';
import { CSV_DELIMITERS, CSV_ESCAPES, CSV_QUOTES } from '@sluice/contracts';
import { stringify } from 'csv-stringify/sync';

import type { CsvRecordEvent, CsvRecordReaderOptions, RecordLimits } from './csv-record-reader';
import { CsvRecordReader, DEFAULT_CSV_DIALECT, MALFORMED_TEXT_LIMIT } from './csv-record-reader';
import { DEFAULT_FILE_LIMITS, FileLimitExceeded } from './file-limits';
import { cellArray, LineCells } from './row-cells';

/** csv-parse with the options the reader's default dialect reads like, to compare with. */
const CSV_PARSE_OPTIONS = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true } as const;

type Outcome = { rows: { line: number; cells: string[] }[] } | { error: string };
type ReadEvent = Exclude<CsvRecordEvent, { kind: 'record' }> | { kind: 'record'; line: number; cells: string[] };

const DIALECTS: CsvDialect[] = CSV_DELIMITERS.flatMap((delimiter) =>
  CSV_QUOTES.flatMap((quote): CsvDialect[] => (quote === '' ? [{ delimiter, quote, escape: '' }] : CSV_ESCAPES.map((escape) => ({ delimiter, quote, escape })))),
);

/** Reads `text` cut into the given pieces. */
function readInPieces(text: string, cuts: number[], limits: RecordLimits = DEFAULT_FILE_LIMITS, options?: CsvRecordReaderOptions): ReadEvent[] {
  const reader = new CsvRecordReader(limits, options);
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

function outcome(read: () => ReadEvent[]): ReadEvent[] | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function byReader(text: string, cuts: number[]): Outcome {
  try {
    return { rows: readInPieces(text, cuts).map((e) => (e.kind === 'record' ? { line: e.line, cells: e.cells } : { line: e.line, cells: [e.kind] })) };
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

const BREAK = /\r\n|\r|\n/g;
const breaksIn = (text: string) => text.match(BREAK)?.length ?? 0;

/** A file written by csv-stringify, row by row, each row ending with its own line break; with the rows a reader must find and their lines. */
function written(rows: string[][], dialect: CsvDialect, eols: string[], quoted: boolean): { text: string; expected: { kind: 'record'; line: number; cells: string[] }[] } {
  let text = '';
  const expected: { kind: 'record'; line: number; cells: string[] }[] = [];
  rows.forEach((cells, index) => {
    const row = stringify([cells], {
      delimiter: dialect.delimiter,
      quote: dialect.quote === '' ? false : dialect.quote,
      escape: dialect.escape === '\\' ? '\\' : dialect.quote || '"',
      quoted: quoted && dialect.quote !== '',
      // csv-stringify quotes a value for its record delimiter only; every line break needs it.
      quoted_match: dialect.quote === '' ? undefined : /[\r\n]/,
      record_delimiter: '\n',
    }).replace(/\n$/, '');
    text += row;
    if (row !== '') expected.push({ kind: 'record', line: 1 + breaksIn(text), cells });
    text += eols[index % eols.length];
  });
  return { text, expected };
}

describe('CsvRecordReader', () => {
  it('reads any text the same however it is cut, in every dialect, and never throws for its quotes', () => {
    const char = fc.constantFrom('a', 'b', ',', ';', '\t', '|', '"', '"', "'", '\\', '\n', '\r', ' ', 'é', '😀');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((chars) => chars.join('')),
        fc.array(fc.nat(40), { maxLength: 4 }),
        fc.constantFrom(...DIALECTS),
        fc.constantFrom(DEFAULT_FILE_LIMITS, { ...DEFAULT_FILE_LIMITS, maxRowBytes: 8 }, { ...DEFAULT_FILE_LIMITS, maxRowBytes: 3, maxColumns: 3 }),
        (text, cuts, dialect, limits) => {
          const whole = outcome(() => readInPieces(text, [], limits, { dialect }));
          // Only a header over the column limit refuses the file.
          if ('error' in whole) expect(whole.error).toMatch(/^File has \d+ columns/);
          expect(outcome(() => readInPieces(text, cuts, limits, { dialect }))).toEqual(whole);
          expect(
            outcome(() =>
              readInPieces(
                text,
                Array.from({ length: text.length }, (_, i) => i),
                limits,
                { dialect },
              ),
            ),
          ).toEqual(whole);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads text without quotes as its lines split by the delimiter, whatever their line breaks, numbering physical lines', () => {
    const char = fc.constantFrom('a', 'b', ',', ';', ' ', '"', '\n', '\r', 'é');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((chars) => chars.join('')),
        fc.array(fc.nat(40), { maxLength: 4 }),
        fc.nat(5),
        (text, cuts, firstLine) => {
          const expected = text
            .split(BREAK)
            .map((line, index) => ({ kind: 'record', line: firstLine + index, cells: line.split(';') }))
            .filter(({ cells }) => cells.length > 1 || cells[0] !== '');
          expect(readInPieces(text, cuts, DEFAULT_FILE_LIMITS, { dialect: { delimiter: ';', quote: '', escape: '' }, firstLine })).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads well-formed files with quotes, line endings and blank lines as csv-parse does', () => {
    // csv-parse counts the two characters of a \r\n inside quotes as two lines; physical lines count it once.
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc
        .stringMatching(/^[a-z,"\n\r ]{0,6}$/)
        .filter((value) => !value.includes('\r\n'))
        .map((value) => `"${value.replace(/"/g, '""')}"`),
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

  it('reads back cell for cell what csv-stringify writes in any dialect, with mixed line endings', () => {
    const cellFor = (dialect: CsvDialect) => {
      const specials = dialect.quote === '' ? ['x', ' ', '\\', '"', "'"] : ['x', ' ', '\\', '\n', '\r\n', '\r', dialect.delimiter, ',', '"', "'"];
      // Without an escape a quote inside a quoted value can only be text when nothing that ends a field follows it.
      const allowed = dialect.escape === '' ? specials.filter((c) => c !== dialect.quote) : specials;
      return fc.array(fc.constantFrom(...allowed, 'a', 'é'), { maxLength: 6 }).map((chars) => chars.join(''));
    };
    const file = fc.constantFrom(...DIALECTS).chain((dialect) =>
      fc.record({
        dialect: fc.constant(dialect),
        rows: fc.array(fc.array(cellFor(dialect), { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        eols: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
        quoted: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(file, fc.array(fc.nat(120), { maxLength: 6 }), ({ dialect, rows, eols, quoted }, cuts) => {
        // A lone empty cell is written as an empty line, which is skipped.
        const { text, expected } = written(
          rows.filter((cells) => !(cells.length === 1 && cells[0] === '' && !quoted)),
          dialect,
          eols,
          quoted,
        );
        expect(readInPieces(text, cuts, DEFAULT_FILE_LIMITS, { dialect })).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('after a stray quote anywhere in a well-formed file, gives back cell for cell every row on lines the quote left untouched', () => {
    const file = fc.oneof({ weight: 3, arbitrary: fc.constant(DEFAULT_CSV_DIALECT) }, fc.constantFrom(...DIALECTS.filter((d) => d.quote !== ''))).chain((dialect) => {
      const chars = ['a', 'b', ' ', ',', dialect.delimiter, '"', "'", '\\', '\n', '\r\n'].filter((c) => dialect.escape !== '' || c !== dialect.quote);
      const cell = fc.array(fc.constantFrom(...chars), { maxLength: 5 }).map((cs) => cs.join(''));
      return fc.record({
        dialect: fc.constant(dialect),
        rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        eols: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
      });
    });
    fc.assert(
      fc.property(file, fc.nat(), fc.array(fc.nat(200), { maxLength: 4 }), ({ dialect, rows, eols }, where, cuts) => {
        const { text: clean, expected } = written(rows, dialect, eols, false);
        let at = where % (clean.length + 1);
        // Between the two characters of a \r\n, a quote would make two line breaks of one.
        if (clean[at - 1] === '\r' && clean[at] === '\n') at += 1;
        const text = `${clean.slice(0, at)}${dialect.quote}${clean.slice(at)}`;
        const strayLine = 1 + breaksIn(clean.slice(0, at));
        const events = readInPieces(text, cuts, DEFAULT_FILE_LIMITS, { dialect });
        const original = new Map(expected.map((row) => [row.line, row]));
        const exact = (e: ReadEvent) => e.kind === 'record' && JSON.stringify(original.get(e.line)?.cells) === JSON.stringify(e.cells);
        // The lines each event stands for: a record's lines, a malformed row's first line.
        const touched = new Set<number>();
        for (const e of events) {
          if (exact(e)) continue;
          expect(e.kind === 'record' || e.kind === 'malformed').toBe(true);
          const first = e.kind === 'record' ? e.line - e.cells.reduce((sum, c) => sum + breaksIn(c), 0) : e.line;
          for (let line = first; line <= e.line; line += 1) touched.add(line);
        }
        for (const row of expected) {
          const first = row.line - row.cells.reduce((sum, c) => sum + breaksIn(c), 0);
          const untouched = Array.from({ length: row.line - first + 1 }, (_, k) => first + k).every((line) => !touched.has(line));
          if (untouched || row.line < strayLine) expect(events).toContainEqual(row);
        }
        // Malformed rows are reported once each, in file order, with their text as written.
        const malformed = events.filter((e) => e.kind === 'malformed');
        for (const e of malformed) expect(text.split(BREAK)[e.line - 1]).toBe(e.kind === 'malformed' && e.text);
        expect(new Set(malformed.map((e) => e.line)).size).toBe(malformed.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('drops a row over the size limit on its own and keeps every other row and line number', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxRowBytes: 20 };
    const text = ['a,b', '1,2', `${'x'.repeat(30)},3`, '"multi', 'line",4', `"${'y'.repeat(5)}\n${'y'.repeat(5)}",${'z'.repeat(15)}`, '', '6,7'].join('\n');
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

describe('CsvRecordReader recovery from malformed quotes', () => {
  const record = (line: number, ...cells: string[]) => ({ kind: 'record', line, cells });
  const malformed = (line: number, text: string, reason: string) => ({ kind: 'malformed', line, text, reason });
  /** Read whole, in small pieces, and a character at a time: the same events each way. */
  const read = (text: string, limits: RecordLimits = DEFAULT_FILE_LIMITS, options?: CsvRecordReaderOptions) => {
    const whole = readInPieces(text, [], limits, options);
    expect(
      readInPieces(
        text,
        Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => i * 7),
        limits,
        options,
      ),
    ).toEqual(whole);
    expect(
      readInPieces(
        text,
        Array.from({ length: text.length }, (_, i) => i),
        limits,
        options,
      ),
    ).toEqual(whole);
    return whole;
  };

  it('keeps a quote inside an unquoted field as text', () => {
    expect(read('id,name\n1,5\'11" tall,x\n2,Ben "Benny" Carter\n')).toEqual([record(1, 'id', 'name'), record(2, '1', '5\'11" tall', 'x'), record(3, '2', 'Ben "Benny" Carter')]);
  });

  it('rejects the line of a quoted value with text after its closing quote', () => {
    expect(read('id,name\r\n1,"Bob" Smith,"a\nb"\r\n2,b\r\n')).toEqual([
      record(1, 'id', 'name'),
      malformed(2, '1,"Bob" Smith,"a', 'Malformed quote: text follows the closing quote at line 2'),
      // The rest of line 2 is passed over; line 3 starts a row of its own (a quote inside it is text).
      record(3, 'b"'),
      record(4, '2', 'b'),
    ]);
  });

  it('rejects only the line where a quote opened that the file never closes, and reads every later line again', () => {
    expect(read('id,name\n1,"Bob\n2,b\n\n3,c')).toEqual([
      record(1, 'id', 'name'),
      malformed(2, '1,"Bob', 'Malformed quote: the quote opened at line 2 is never closed'),
      record(3, '2', 'b'),
      record(5, '3', 'c'),
    ]);
  });

  it('rejects only the line where a quote opened when it closes on a later line with text after it', () => {
    expect(read('id,name\n1,"Bob\n2,b\n3,"quoted" value\n4,d\n')).toEqual([
      record(1, 'id', 'name'),
      malformed(2, '1,"Bob', 'Malformed quote: the quote opened at line 2 is not closed properly: text follows a quote at line 4'),
      record(3, '2', 'b'),
      malformed(4, '3,"quoted" value', 'Malformed quote: text follows the closing quote at line 4'),
      record(5, '4', 'd'),
    ]);
  });

  it('reads a quoted value over two lines followed by a quote inside an unquoted cell as one row: the value closed properly', () => {
    expect(read('id,note,size\n1,"two\nlines",27" monitor\n2,b,c\n')).toEqual([
      record(1, 'id', 'note', 'size'),
      record(3, '1', 'two\nlines', '27" monitor'),
      record(4, '2', 'b', 'c'),
    ]);
  });

  it('rejects the first line of a row whose quoted value spans lines and that then breaks, and reads its later lines again', () => {
    expect(read('id,note\n1,"two\nlines",2,"never\n3,c\n')).toEqual([
      record(1, 'id', 'note'),
      malformed(2, '1,"two', 'Malformed quote: the row from line 2 runs into a quote opened at line 3 that is never closed'),
      malformed(3, 'lines",2,"never', 'Malformed quote: the quote opened at line 3 is never closed'),
      record(4, '3', 'c'),
    ]);
  });

  it('gives up on a quote not closed within the row limit, holding no more than that, and reads the lines after it again', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxRowBytes: 1024 };
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},row ${i}`);
    const text = ['id,name', '1,"stray', ...rows, ''].join('\n');
    const cuts = Array.from({ length: Math.ceil(text.length / 4096) }, (_, i) => i * 4096);
    const events = readInPieces(text, cuts, limits);
    expect(events.slice(0, 3)).toEqual([
      record(1, 'id', 'name'),
      malformed(2, '1,"stray', 'Malformed quote: the quote opened at line 2 is not closed within 1 KiB, the most one row may be'),
      record(3, '0', 'row 0'),
    ]);
    expect(events).toHaveLength(rows.length + 2);
    expect(events.at(-1)).toEqual(record(rows.length + 2, String(rows.length - 1), `row ${rows.length - 1}`));
  });

  it('rejects a quoted first line already over the row limit when its value goes on to the next line', () => {
    const limits = { ...DEFAULT_FILE_LIMITS, maxRowBytes: 10 };
    expect(read(`a\n"${'x'.repeat(12)}\nb\n"${'y'.repeat(12)}"\nc\n`, limits)).toEqual([
      record(1, 'a'),
      malformed(2, `"${'x'.repeat(12)}`, 'Malformed quote: the quote opened at line 2 is not closed within 10 bytes, the most one row may be'),
      record(3, 'b'),
      { kind: 'oversized', line: 4 },
      record(5, 'c'),
    ]);
  });

  it('reads the next row as the header when the first is malformed, and cuts a long rejected line', () => {
    const long = `"${'x'.repeat(100_000)}"z`;
    const events = read(`a,"b"c\nid,name\n${long}\n1,2\n`);
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['malformed', 1],
      ['record', 2],
      ['malformed', 3],
      ['record', 4],
    ]);
    expect(events[2].kind === 'malformed' && events[2].text).toBe(long.slice(0, MALFORMED_TEXT_LIMIT));
  });

  it('keeps a 16 MB quoted cell with line breaks whole, read in 64 KiB pieces', () => {
    const cell = 'x'
      .repeat(1023)
      .concat('\n')
      .repeat(16 * 1024);
    const text = `id,note\n1,"${cell}"\n2,b\n`;
    const started = performance.now();
    const events = readInPieces(
      text,
      Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => i * 65_536),
    );
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['record', 1],
      ['record', 2 + 16 * 1024],
      ['record', 3 + 16 * 1024],
    ]);
    expect(events[1].kind === 'record' && events[1].cells[1] === cell).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('ends a record at \\r\\n, \\n and \\r alike, also where a piece ends between the two characters of a \\r\\n', () => {
    const text = 'a,b\r\n1,2\n3,4\r5,"x\r\ny"\r\n\r\n6,7';
    const expected = [record(1, 'a', 'b'), record(2, '1', '2'), record(3, '3', '4'), record(5, '5', 'x\r\ny'), record(7, '6', '7')];
    expect(read(text)).toEqual(expected);
    expect(readInPieces(text, [4, 22, 27])).toEqual(expected);
    expect(readInPieces('a\r', [])).toEqual([record(1, 'a')]);
  });

  it('numbers lines from the first line it is given', () => {
    expect(read('a\n1,"x\n2\n', DEFAULT_FILE_LIMITS, { firstLine: 40 })).toEqual([
      record(40, 'a'),
      malformed(41, '1,"x', 'Malformed quote: the quote opened at line 41 is never closed'),
      record(42, '2'),
    ]);
  });

  it('reads each dialect: delimiter, quote, and doubled, backslash or no escape', () => {
    const options = (delimiter: CsvDialect['delimiter'], quote: CsvDialect['quote'], escape: CsvDialect['escape']) => ({ dialect: { delimiter, quote, escape } });
    expect(read("a;b\n'x;y';'it''s'\n1;\"q\"\n", DEFAULT_FILE_LIMITS, options(';', "'", '"'))).toEqual([record(1, 'a', 'b'), record(2, 'x;y', "it's"), record(3, '1', '"q"')]);
    expect(read('a\tb\n"x\\"y"\t"c\\\\d\\e"\n"a""b"\t1\n', DEFAULT_FILE_LIMITS, options('\t', '"', '\\'))).toEqual([
      record(1, 'a', 'b'),
      record(2, 'x"y', 'c\\d\\e'),
      // With backslash escapes, two quotes are a closing quote and a stray one.
      malformed(3, '"a""b"\t1', 'Malformed quote: text follows the closing quote at line 3'),
    ]);
    expect(read('a|b\n"say "hi" now"|"x\ny"\n', DEFAULT_FILE_LIMITS, options('|', '"', ''))).toEqual([record(1, 'a', 'b'), record(3, 'say "hi" now', 'x\ny')]);
    expect(read('a,b\n"x,y"\n5\'11",z\n', DEFAULT_FILE_LIMITS, options(',', '', ''))).toEqual([record(1, 'a', 'b'), record(2, '"x', 'y"'), record(3, '5\'11"', 'z')]);
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

  it('reads cells by any delimiter', () => {
    const cells = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? '' : `v,${i}`));
    const line = cells.join('\t');
    const tabs = Int32Array.from(Array.from(line.matchAll(/\t/g), (m) => m.index as number));
    const lazy = new LineCells(line, tabs, cells.length, '\t');
    expect(Array.from({ length: cells.length }, (_, i) => lazy.at(i))).toEqual(cells);
    expect(lazy.toArray()).toEqual(cells);
  });
});

describe('CsvRecordReader on a file of stray quotes', () => {
  it('stays linear: past a budget of re-reading, the rest of the file is read with its quotes as text, and no line is lost', () => {
    const reader = new CsvRecordReader(DEFAULT_FILE_LIMITS, { dialect: { delimiter: ',', quote: '"', escape: '' } });
    const started = performance.now();
    const events = [...reader.push('a,b\n' + '"abc\n'.repeat(50_000)), ...reader.end()];
    expect(performance.now() - started).toBeLessThan(30_000);
    const lines = events.filter((e) => e.kind === 'record' || e.kind === 'malformed').map((e) => e.line);
    expect(lines).toEqual(Array.from({ length: 50_001 }, (_, i) => i + 1));
  });
});
