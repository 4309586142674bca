import { intakeFormat, zipEntryVerdict } from './intake-format';

describe('intakeFormat', () => {
  it('takes CSV-like text, workbooks, gzipped text and zip archives, whatever the case of the extension', () => {
    expect(intakeFormat('a.csv')).toEqual({ kind: 'text', storedName: 'a.csv' });
    expect(intakeFormat(' Export.TSV ')).toEqual({ kind: 'text', storedName: 'Export.TSV' });
    expect(intakeFormat('notes.txt')).toEqual({ kind: 'text', storedName: 'notes.txt' });
    expect(intakeFormat('Q1 Sales.XLSX')).toEqual({ kind: 'xlsx', storedName: 'Q1 Sales.XLSX' });
    expect(intakeFormat('dump.csv.gz')).toEqual({ kind: 'gzip', storedName: 'dump.csv' });
    expect(intakeFormat('dump.TSV.GZ')).toEqual({ kind: 'gzip', storedName: 'dump.TSV' });
    expect(intakeFormat('monthly.zip')).toEqual({ kind: 'zip', storedName: 'monthly.zip' });
  });

  it('refuses other names', () => {
    for (const name of ['', 'a', 'report.pdf', 'old.xls', 'book.xlsm', 'data.gz', 'book.xlsx.gz', 'a.csv.zip.exe', 'a.tar.gz', 'csv'])
      expect({ name, format: intakeFormat(name) }).toEqual({ name, format: null });
  });
});

describe('zipEntryVerdict', () => {
  it('takes CSV-like entries by their base name', () => {
    expect(zipEntryVerdict('exports/2024/Sales.CSV')).toEqual({ take: true, baseName: 'Sales.CSV' });
    expect(zipEntryVerdict('a.tsv')).toEqual({ take: true, baseName: 'a.tsv' });
  });

  it('passes over folders, macOS metadata and dot-files', () => {
    for (const path of ['exports/', '__MACOSX/exports/._a.csv', '.DS_Store', 'exports/.hidden.csv', '.git/config'])
      expect({ path, verdict: zipEntryVerdict(path) }).toEqual({ path, verdict: { take: false, skip: true } });
  });

  it('refuses workbooks, nested archives and other files with a reason', () => {
    expect(zipEntryVerdict('book.xlsx')).toMatchObject({ take: false, skip: false, reason: expect.stringMatching(/^Excel workbooks inside a \.zip/) });
    for (const path of ['inner.zip', 'a.csv.gz', 'x.7z']) expect(zipEntryVerdict(path)).toMatchObject({ skip: false, reason: expect.stringMatching(/^archives inside a \.zip/) });
    expect(zipEntryVerdict('manual.pdf')).toMatchObject({ skip: false, reason: 'it is not a CSV file: a .zip may hold only .csv, .tsv and .txt files' });
  });
});
