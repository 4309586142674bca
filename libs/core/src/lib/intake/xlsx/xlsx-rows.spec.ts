import { PassThrough, Readable } from 'node:stream';

import ExcelJS from 'exceljs';

import { FileLimitExceeded } from '../../validation/file-limits';
import { FileRejection } from '../../validation/file-rejection';
import { excelNumberText, excelSerialToIso, isDateFormat } from './cell-text';
import { type XlsxRow, xlsxRows } from './xlsx-rows';

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Small chunks, so values and multi-byte characters straddle chunk boundaries as they do over the network. */
function chunked(bytes: Buffer, size = 997): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function rowsOf(bytes: Buffer, options: { sheet?: string; maxColumns?: number; maxSharedStringChars?: number } = {}): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const row of xlsxRows(chunked(bytes), { maxColumns: 100, ...options })) rows.push(row);
  return rows;
}

describe('xlsxRows', () => {
  it('reads dates, numbers, booleans, formulas, shared and rich text, hyperlinks and errors as text', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['name', 'joined', 'seen at', 'amount', 'active', 'total', 'label', 'site', 'check', 'started']);
      const row = sheet.addRow([
        { richText: [{ text: 'Ada ', font: { bold: true } }, { text: 'Lovelace' }] },
        new Date(Date.UTC(2024, 0, 15)),
        new Date(Date.UTC(2024, 0, 15, 13, 45, 30)),
        0.1 + 0.2,
        true,
        { formula: 'D2*2', result: 0.6000000000000001 },
        { formula: 'A1&"!"', result: 'name!' },
        { text: 'Example', hyperlink: 'https://example.com' },
        { error: '#N/A' },
        { formula: 'B2+1', result: new Date(Date.UTC(2024, 0, 16)) },
      ]);
      row.getCell(2).numFmt = 'yyyy-mm-dd';
      row.getCell(3).numFmt = 'dd/mm/yyyy hh:mm:ss';
      row.getCell(10).numFmt = 'd-mmm-yy';
      sheet.addRow(['name', 12345678901, -3, 1e-7, false, { formula: '1=2', result: false }]);
    });
    expect(await rowsOf(bytes)).toEqual([
      { line: 1, cells: ['name', 'joined', 'seen at', 'amount', 'active', 'total', 'label', 'site', 'check', 'started'] },
      { line: 2, cells: ['Ada Lovelace', '2024-01-15', '2024-01-15T13:45:30', '0.3', 'true', '0.6', 'name!', 'Example', '#N/A', '2024-01-16'] },
      { line: 3, cells: ['name', '12345678901', '-3', '1e-7', 'false', 'false'] },
    ]);
  });

  it('keeps the sheet row numbers across empty rows and drops trailing empty cells (the table reader pads rows to the header)', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.getCell('A1').value = 'Quarterly report';
      sheet.getRow(3).values = ['id', 'city', 'note'];
      sheet.getRow(4).values = [1, 'Oslo'];
      sheet.getRow(5).getCell(4).numFmt = '0.00'; // a styled, empty cell: no value
      sheet.getRow(6).values = [2, '', 'x'];
      sheet.getRow(7).values = [3, 'Bergen', 'y', 'extra'];
    });
    expect(await rowsOf(bytes)).toEqual([
      { line: 1, cells: ['Quarterly report'] },
      { line: 3, cells: ['id', 'city', 'note'] },
      { line: 4, cells: ['1', 'Oslo'] },
      { line: 6, cells: ['2', '', 'x'] },
      { line: 7, cells: ['3', 'Bergen', 'y', 'extra'] },
    ]);
  });

  it('refuses a workbook whose shared strings inflate past the limit (a workbook bomb), with a sentence', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      for (let i = 0; i < 200; i += 1) sheet.addRow([`text number ${i}`]);
    });
    await expect(rowsOf(bytes, { maxSharedStringChars: 1000 })).rejects.toThrow(/^The workbook's shared text inflates to more than 1,000 characters/);
    expect(await rowsOf(bytes)).toHaveLength(200);
  });

  it('reads the first sheet by default and another by its name (with spaces); an unknown name lists the sheets', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Read me first').addRow(['a']);
      workbook.addWorksheet('Q1 sales 2024').addRows([
        ['region', 'total'],
        ['North', 10],
      ]);
    });
    expect(await rowsOf(bytes)).toEqual([{ line: 1, cells: ['a'] }]);
    expect(await rowsOf(bytes, { sheet: 'Q1 sales 2024' })).toEqual([
      { line: 1, cells: ['region', 'total'] },
      { line: 2, cells: ['North', '10'] },
    ]);
    await expect(rowsOf(bytes, { sheet: 'Q2' })).rejects.toThrow(new FileRejection('The workbook has no sheet named "Q2"; its sheets are: "Read me first", "Q1 sales 2024"'));
  });

  // Writing the 4,000-string workbook alone takes seconds on a loaded 2-core machine (CI timed it out at 5 s).
  it('keeps multi-byte characters whole when the shared strings span many inflated chunks', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `東京都渋谷区 ${i} — Zürich ☃ 🎉`);
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Names');
      for (const name of names) sheet.addRow([name]);
    });
    const rows = await rowsOf(bytes, { maxColumns: 1 });
    expect(rows.map((row) => row.cells[0])).toEqual(names);
  }, 30_000);

  it('reads a workbook written by the streaming writer (worksheets before the shared strings)', async () => {
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => parts.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
    const sheet = writer.addWorksheet('Stream');
    sheet.addRow(['when', 'what']).commit();
    const row = sheet.addRow([new Date(Date.UTC(2023, 11, 31)), 'done']);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.commit();
    sheet.commit();
    await writer.commit();
    expect(await rowsOf(Buffer.concat(parts))).toEqual([
      { line: 1, cells: ['when', 'what'] },
      { line: 2, cells: ['2023-12-31', 'done'] },
    ]);
  });

  it('refuses a value past maxColumns with the columns limit', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Wide').addRow(['a', 'b', 'c', 'd']);
    });
    const read = rowsOf(bytes, { maxColumns: 3 });
    await expect(read).rejects.toThrow(FileLimitExceeded);
    await expect(read).rejects.toThrow('File has 4 columns; at most 3 columns are allowed per file');
  });

  it('refuses what is not a workbook with a sentence, and passes a failing stream on with its own error', async () => {
    const message = 'The file is not a valid Excel workbook (.xlsx): it could not be read as one (a damaged or incomplete archive, or another kind of file)';
    await expect(rowsOf(Buffer.from('id,name\n1,Ada\n'))).rejects.toThrow(new FileRejection(message));
    const good = await workbookBytes((workbook) => workbook.addWorksheet('A').addRow(['x']));
    await expect(rowsOf(good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow(FileRejection);
    await expect(rowsOf(Buffer.alloc(0))).rejects.toThrow(FileRejection);

    const failing = new Readable({ read: () => undefined });
    failing.push(good.subarray(0, 100));
    setImmediate(() => failing.destroy(new Error('connection reset')));
    const read = (async () => {
      for await (const row of xlsxRows(failing, { maxColumns: 10 })) void row;
    })();
    await expect(read).rejects.toThrow('connection reset');
  });
});

describe('cell text', () => {
  it('tells date formats from number formats', () => {
    for (const format of ['yyyy-mm-dd', 'm/d/yy', 'dd/mm/yyyy hh:mm', 'h:mm AM/PM', '[$-409]mmmm d, yyyy', 'mm-dd-yy'])
      expect({ format, date: isDateFormat(format) }).toEqual({ format, date: true });
    for (const format of [undefined, 'General', '0.00', '#,##0 "days"', '[Red]0.0%', '0.00E+00', '@'])
      expect({ format, date: isDateFormat(format) }).toEqual({ format, date: false });
  });

  it('writes serials as ISO dates, date-times and times, and numbers without float noise', () => {
    expect(excelSerialToIso(45306)).toBe('2024-01-15');
    expect(excelSerialToIso(45306.5729166667)).toBe('2024-01-15T13:45:00');
    expect(excelSerialToIso(0.25)).toBe('06:00:00');
    expect(excelSerialToIso(43844, true)).toBe('2024-01-15');
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(1234567.891)).toBe('1234567.891');
    expect(excelNumberText(-42)).toBe('-42');
    // Past 15 digits Excel itself keeps no more.
    expect(excelNumberText(2 ** 60)).toBe('1152921504606850000');
  });
});
