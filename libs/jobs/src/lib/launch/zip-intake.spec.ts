import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { JobRequestError } from '../job-request-error';
import { zipBytes, type ZipEntrySpec } from './testing/zip-bytes';
import { readZipEntries, type ZipLimits } from './zip-intake';

const LIMITS: ZipLimits = { maxBytes: 1024 * 1024, maxEntries: 5 };

async function entriesOf(bytes: Buffer, limits = LIMITS): Promise<{ name: string; label: string; content: string }[]> {
  const read: { name: string; label: string; content: string }[] = [];
  await readZipEntries({ name: 'export.zip', stream: Readable.from([bytes]) }, limits, async (entry) => {
    read.push({ name: entry.name, label: entry.label, content: await text(entry.stream) });
  });
  return read;
}

const refusal = (entries: ZipEntrySpec[] | Buffer, limits = LIMITS) =>
  entriesOf(Buffer.isBuffer(entries) ? entries : zipBytes(entries), limits).then(
    () => null,
    (error: unknown) => (error instanceof JobRequestError ? { kind: error.kind, message: error.message } : error),
  );

const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith('sluice-zip-')).length;

describe('readZipEntries', () => {
  it('hands over each CSV entry in order under its base name, passing over folders, metadata and dot-files', async () => {
    const before = spools();
    const bytes = zipBytes([
      { name: 'exports/', content: '' },
      { name: 'exports/people.csv', content: 'name\nAda\n' },
      { name: '__MACOSX/exports/._people.csv', content: 'junk' },
      { name: 'exports/.DS_Store', content: 'junk' },
      { name: 'cities.tsv', content: 'city\tcountry\nOslo\tNO\n', stored: true },
    ]);
    expect(await entriesOf(bytes)).toEqual([
      { name: 'people.csv', label: 'export.zip/exports/people.csv', content: 'name\nAda\n' },
      { name: 'cities.tsv', label: 'export.zip/cities.tsv', content: 'city\tcountry\nOslo\tNO\n' },
    ]);
    expect(spools()).toBe(before);
  });

  it('refuses, before reading any entry, an archive holding another kind of file, a workbook, an archive or an encrypted entry', async () => {
    const good = { name: 'a.csv', content: 'x\n1\n' };
    expect(await refusal([good, { name: 'docs/manual.pdf', content: '%PDF-1.7' }])).toEqual({
      kind: 'invalid',
      message: '"export.zip" holds "docs/manual.pdf", which Sluice does not read: it is not a CSV file: a .zip may hold only .csv, .tsv and .txt files',
    });
    expect(await refusal([good, { name: 'book.xlsx', content: 'PK' }])).toMatchObject({
      message: expect.stringContaining('"book.xlsx", which Sluice does not read: Excel workbooks inside a .zip are not read'),
    });
    expect(await refusal([{ name: 'inner.zip', content: zipBytes([good]) }])).toMatchObject({ message: expect.stringContaining('archives inside a .zip are not read') });
    expect(await refusal([{ name: 'secret.csv', content: 'x', encrypted: true }])).toEqual({
      kind: 'invalid',
      message: '"export.zip" holds "secret.csv", which is encrypted: upload an archive without a password',
    });
    expect(await refusal([{ name: 'notes/', content: '' }])).toEqual({ kind: 'invalid', message: '"export.zip" holds no CSV file: a .zip may hold .csv, .tsv and .txt files' });
  });

  it('refuses more CSV entries than one upload may have', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.csv`, content: 'x\n1\n' }));
    expect(await refusal(entries)).toEqual({ kind: 'invalid', message: '"export.zip" holds more than 5 CSV files, the most one upload may have' });
  });

  it('refuses a bomb by its declared size (413), and an entry whose data outgrows its declared size as damaged', async () => {
    const bomb = Buffer.alloc(3 * 1024 * 1024, 'a');
    expect(await refusal([{ name: 'bomb.csv', content: bomb }])).toEqual({ kind: 'too_large', message: '"export.zip/bomb.csv" is larger than the 1 MB limit once decompressed' });
    expect(await refusal([{ name: 'liar.csv', content: bomb, declaredSize: 1000 }])).toEqual({
      kind: 'invalid',
      message: '"export.zip/liar.csv" cannot be read: the archive\'s data for it is damaged',
    });
  });

  it('refuses what is not a zip, and an archive over the upload limit (413), leaving no spool behind', async () => {
    const before = spools();
    expect(await refusal(Buffer.from('id,name\n1,Ada\n'))).toEqual({
      kind: 'invalid',
      message: '"export.zip" is not a valid .zip archive: it is damaged, cut short, or another kind of file',
    });
    const whole = zipBytes([{ name: 'a.csv', content: 'x\n1\n' }]);
    expect(await refusal(whole.subarray(0, whole.length - 10))).toMatchObject({ kind: 'invalid' });
    const random = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
    expect(await refusal([{ name: 'big.csv', content: random, stored: true }], { maxBytes: 100_000, maxEntries: 5 })).toEqual({
      kind: 'too_large',
      message: '"export.zip" is larger than the 0.1 MB limit',
    });
    expect(spools()).toBe(before);
  });
});
