import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import ExcelJS from 'exceljs';

import { FileRejection } from '../validation/file-rejection';
import { readWholeTable, TableReader } from './read-table';

const bytes = (text: string) => Buffer.from(text);

describe('TableReader', () => {
  it('fails, not hangs, when its source fails midway', async () => {
    async function* failing() {
      yield Buffer.from('a,b\n' + '1,2\n'.repeat(50_000));
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    const reader = new TableReader({ bytes: failing(), fileName: 'a.csv' });
    await expect(
      (async () => {
        for await (const batch of reader.batches()) void batch;
      })(),
    ).rejects.toThrow('socket hang up');
  });

  it('closes its source when the caller stops early (a header lookup)', async () => {
    const source = Readable.from([Buffer.from('a,b\n1,2\n'), Buffer.from('3,4\n'.repeat(100_000))], { objectMode: false });
    const reader = new TableReader({ bytes: source, fileName: 'a.csv' });
    for await (const event of reader.events()) if (event.kind === 'header') break;
    expect(source.destroyed).toBe(true);
  });

  it('refuses a header row it cannot read, instead of taking the first data row for it', async () => {
    await expect(readWholeTable(bytes('"name,email\nAlice,a@x.com\nBob,b@x.com\n'), 'a.csv')).rejects.toThrow(
      new FileRejection('The header row (line 1) cannot be read: Malformed quote: the quote opened at line 1 is never closed'),
    );
  });

  it('reads .gz files, refuses damaged ones with a sentence, and reads the start of a cut one for a preview', async () => {
    const zipped = gzipSync('a,b\n' + Array.from({ length: 1000 }, (_, i) => `${i},${(i * 7919) % 1000}\n`).join(''));
    expect((await readWholeTable(zipped, 'a.csv.gz')).rows).toHaveLength(1000);
    await expect(readWholeTable(bytes('not gzip at all'), 'a.csv.gz')).rejects.toThrow(new FileRejection('The file is not a valid gzip file: it is damaged or cut short'));
    await expect(readWholeTable(zipped.subarray(0, zipped.length - 20), 'a.csv.gz')).rejects.toThrow(FileRejection);
    const reader = new TableReader({ bytes: [zipped.subarray(0, zipped.length - 20)], fileName: 'a.csv.gz', partial: true });
    let rows = 0;
    for await (const event of reader.events()) if (event.kind === 'row') rows += 1;
    expect(rows).toBeGreaterThan(900);
  });

  it('sniffs the same first characters however the file arrives in pieces', async () => {
    const text = 'name;city\n' + 'Ann;Paris\n'.repeat(20_000);
    const whole = await readWholeTable(bytes(text), 'a.csv');
    const pieces: Buffer[] = [];
    for (let i = 0; i < text.length; i += 4096) pieces.push(Buffer.from(text.slice(i, i + 4096)));
    const reader = new TableReader({ bytes: pieces, fileName: 'a.csv' });
    for await (const batch of reader.batches()) void batch;
    expect(reader.report).toEqual(whole.report);
  });
});

describe('TableReader on workbooks', () => {
  const workbook = async (fill: (sheet: ExcelJS.Worksheet) => void) => {
    const book = new ExcelJS.Workbook();
    fill(book.addWorksheet('Sheet1'));
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  it('pads rows to the header, so one stray cell far right makes only its own row ragged', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['name', 'email', 'city']);
      sheet.addRow(['Ann', 'ann@x.com']);
      sheet.getCell('F3').value = 'call back';
      sheet.getCell('A3').value = 'Bob';
      sheet.addRow(['Cy', 'cy@x.com', 'Oslo']);
    });
    const table = await readWholeTable(bytes, 'people.xlsx');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Ann', 'ann@x.com', ''],
      ['Bob', '', '', '', '', 'call back'],
      ['Cy', 'cy@x.com', 'Oslo'],
    ]);
  });

  it('takes a declared header row anywhere below titles', async () => {
    const bytes = await workbook((sheet) => {
      for (let i = 1; i < 40; i += 1) sheet.addRow([`note ${i}`]);
      sheet.addRow(['id', 'city']);
      sheet.addRow([1, 'Oslo']);
    });
    const table = await readWholeTable(bytes, 'notes.xlsx', { headerLine: 40 });
    expect(table.header).toEqual(['id', 'city']);
    expect(table.report.headerLine).toBe(40);
    expect(table.rows).toEqual([{ line: 41, cells: ['1', 'Oslo'] }]);
  });
});

describe('TableReader on a file whose first accent comes late', () => {
  it('reads a windows-1252 file whose first 64 KiB are plain ASCII as windows-1252, from the first accent on', async () => {
    const ascii = 'name,city\n' + Array.from({ length: 8000 }, (_, i) => `Person ${i},Paris`).join('\n') + '\n';
    const late = Buffer.from([...Buffer.from('Ren'), 0xe9, ...Buffer.from(',Z'), 0xfc, ...Buffer.from('rich\nJos'), 0xe9, ...Buffer.from(',M'), 0xe1, ...Buffer.from('laga\n')]);
    const table = await readWholeTable(Buffer.concat([Buffer.from(ascii), late]), 'people.csv');
    expect(table.rejected).toEqual([]);
    expect(table.rows.slice(-2).map((r) => r.cells)).toEqual([
      ['René', 'Zürich'],
      ['José', 'Málaga'],
    ]);
    expect(table.report.encoding).toBe('windows-1252');
  });
});
