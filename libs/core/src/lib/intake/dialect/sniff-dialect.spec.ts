import { sniffDialect } from './sniff-dialect';

const semicolons = `Name;Betrag\n${Array.from({ length: 10 }, (_, i) => `N${i};${i}5`).join('\n')}\n`;

describe('sniffDialect', () => {
  it('lets each declared part win over detection for that part only', () => {
    const quoteOnly = sniffDialect(`'a';'b'\n'1';'2'\n'3';'4'\n`, { complete: true, declared: { quote: '"' } });
    expect(quoteOnly.dialect).toEqual({ delimiter: ';', quote: '"', escape: '"' });
    expect(quoteOnly.source).toBe('detected');
    const delimiterOnly = sniffDialect('a|b;c\n1|2;3\n4|5;6\n', { complete: true, declared: { delimiter: '|' } });
    expect(delimiterOnly.dialect.delimiter).toBe('|');
    const all = sniffDialect(semicolons, { complete: true, declared: { delimiter: ',', quote: '', escape: '' } });
    expect(all).toEqual({ dialect: { delimiter: ',', quote: '', escape: '' }, source: 'declared', headerLine: 1, preamble: [] });
  });

  it('takes a declared header line and reports the lines above it as preamble', () => {
    const sniffed = sniffDialect(`Title\nid,name\nmore notes;here\nreal;header\n1;2\n3;4\n`, { complete: true, headerLine: 4 });
    expect(sniffed.headerLine).toBe(4);
    expect(sniffed.dialect.delimiter).toBe(';');
    expect(sniffed.preamble).toEqual([
      { line: 1, text: 'Title' },
      { line: 2, text: 'id,name' },
      { line: 3, text: 'more notes;here' },
    ]);
  });

  it("reads Excel's sep= line as the delimiter even against the content, unless one is declared", () => {
    const sep = sniffDialect(`sep=,\n${semicolons}`, { complete: true });
    expect(sep).toMatchObject({ dialect: { delimiter: ',' }, source: 'sep-line', headerLine: 2, preamble: [{ line: 1, text: 'sep=,' }] });
    expect(sniffDialect(`sep=\t\na\tb\n1\t2\n`, { complete: true })).toMatchObject({ dialect: { delimiter: '\t' }, source: 'sep-line', headerLine: 2 });
    const declared = sniffDialect(`sep=,\n${semicolons}`, { complete: true, declared: { delimiter: ';' } });
    expect(declared).toMatchObject({ dialect: { delimiter: ';' }, headerLine: 2, preamble: [{ line: 1 }] });
    expect(sniffDialect(`sep=:\na,b\n1,2\n`, { complete: true })).toMatchObject({ source: 'detected', headerLine: 2 });
  });

  it('favours tabs for a .tsv, but not over a file that has none', () => {
    expect(sniffDialect('a\tb,c\n1\t2,3\n', { complete: true, fileName: 'Export.TSV' })).toMatchObject({ dialect: { delimiter: '\t' }, source: 'extension' });
    expect(sniffDialect('a,b\n1,2\n3,4\n', { complete: true, fileName: 'misnamed.tsv' })).toMatchObject({ dialect: { delimiter: ',' }, source: 'detected' });
    expect(sniffDialect('email\nx@y.org\n', { complete: true, fileName: 'list.tsv' })).toMatchObject({ dialect: { delimiter: '\t' }, source: 'extension' });
    expect(sniffDialect('a\tb\n1\t2\n', { complete: true, fileName: 'x.csv' })).toMatchObject({ dialect: { delimiter: '\t' }, source: 'detected' });
  });

  it('reads a one-column file with the default dialect', () => {
    expect(sniffDialect('email\na@b.co\nc@d.co\n', { complete: true })).toEqual({
      dialect: { delimiter: ',', quote: '"', escape: '"' },
      source: 'default',
      headerLine: 1,
      preamble: [],
    });
    expect(sniffDialect('\n\n', { complete: true })).toMatchObject({ source: 'default', headerLine: 1 });
  });

  it('ignores the last line of a cut sample', () => {
    // Whole, the last line would make a second 2-wide row; cut, there is only the header.
    expect(sniffDialect('Title line\nid;name;email\n1;Ann;a@b.co\nx|y|z|w|v\nk|l|m|n', { complete: false }).headerLine).toBe(2);
    expect(sniffDialect('id;name\r\n1;Ann\r\n2;Bo', { complete: false }).dialect.delimiter).toBe(';');
    expect(sniffDialect('id;name;ema', { complete: false }).dialect.delimiter).toBe(';');
  });

  it('reports at most 20 preamble lines, each cut to about 200 characters, skipping blank and quote-only lines', () => {
    const notes = Array.from({ length: 30 }, (_, i) => (i === 3 ? '' : i === 4 ? '""' : `Note ${i}: ${'x'.repeat(i === 0 ? 500 : 5)}`)).join('\n');
    const sniffed = sniffDialect(`${notes}\nid,name,amount\n1,a,2\n3,b,4\n5,c,6\n`, { complete: true });
    expect(sniffed.headerLine).toBe(31);
    expect(sniffed.preamble).toHaveLength(20);
    expect(sniffed.preamble[0].text).toHaveLength(201);
    expect(sniffed.preamble.map((line) => line.line).slice(0, 5)).toEqual([1, 2, 3, 6, 7]);
  });

  it('counts lines across \\r\\n, \\n and \\r, and line breaks inside quoted fields', () => {
    const sniffed = sniffDialect('Report\r\r\n"Exported\nby tool"\nid,note\r\n1,"a\r\nb"\n2,c\r3,d\n', { complete: true });
    expect(sniffed.headerLine).toBe(5);
    expect(sniffed.preamble.map((line) => line.line)).toEqual([1, 3, 4]);
  });

  it('sniffs 64 KiB in well under 20 ms', () => {
    const row = (i: number) =>
      `${i},"Company ${i}, Inc.",contact${i}@example.com,+1 555 01${i % 100},https://example.com/${i},2026-10-${String((i % 28) + 1).padStart(2, '0')},${i * 3}.25,"Notes about ""deal"" ${i}"`;
    let sample = 'id,company,email,phone,website,created,amount,notes\n';
    for (let i = 0; sample.length < 64 * 1024; i++) sample += `${row(i)}\n`;
    sample = sample.slice(0, 64 * 1024);
    sniffDialect(sample, { complete: false });
    const times: number[] = [];
    for (let run = 0; run < 15; run++) {
      const started = process.hrtime.bigint();
      const sniffed = sniffDialect(sample, { complete: false });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(sniffed.dialect).toEqual({ delimiter: ',', quote: '"', escape: '"' });
    }
    times.sort((a, b) => a - b);
    console.log(`sniffDialect on 64 KiB: median ${times[7].toFixed(1)} ms, worst ${times[14].toFixed(1)} ms`);
    // Generous: the machine is shared; the median is what the report quotes.
    expect(times[7]).toBeLessThan(60);
  });
});

describe('a sample cut inside a long quoted value', () => {
  it('a long quoted value with line breaks cut by the sample does not move the header', () => {
    const value = `"${'long, "" value\n'.repeat(10000)}"`;
    const text = `email,name,amount,signed_up\na@x.com,A,1,2026-01-01\nlong@example.com,${value},1,2026-01-02\n`.slice(0, 65536);
    expect(sniffDialect(text, { complete: false })).toMatchObject({ headerLine: 1, dialect: { delimiter: ',', quote: '"' } });
    const cells = `"${'a, ""b""\nc '.repeat(10000)}"`;
    const text2 = `email,name,amount,signed_up\na@x.com,A,1,2026-01-01\n${cells},N,1,2026-01-03\n`.slice(0, 65536);
    expect(sniffDialect(text2, { complete: false })).toMatchObject({ headerLine: 1, dialect: { delimiter: ',', quote: '"' } });
  });
});

describe('a header narrower than its rows', () => {
  it('stays the header: the rows are ragged, not a table below a title', () => {
    const text = 'name,email\n' + Array.from({ length: 100 }, (_, i) => `A${i},a${i}@x.com,extra${i}`).join('\n') + '\n';
    expect(sniffDialect(text, { complete: true })).toMatchObject({ headerLine: 1, dialect: { delimiter: ',' } });
  });
});
