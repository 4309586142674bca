import { gzipSync } from 'node:zlib';

import { zipBytes } from '@sluice/jobs/testing';
import ExcelJS from 'exceljs';

import { getJob, upload, waitForStatus } from './support/api-client';
import { refusedUploadLeftovers } from './support/leftovers';
import { SluiceApp, startSluice } from './support/sluice-app';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { uploadKey } from '@sluice/storage';

const HEADER = 'sensor_id,timestamp,value';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const DONE = ['processed', 'partial', 'failed'] as const;

describe('POST /api/uploads takes .gz, .zip, .tsv and .xlsx files, with the limits applied to what is inside', () => {
  let app: SluiceApp;
  let jobsBefore: number;

  beforeAll(async () => {
    app = await startSluice({ MAX_UPLOAD_MB: '1', MAX_FILES_PER_UPLOAD: '3' });
  });

  afterAll(() => app?.close());

  beforeEach(async () => {
    jobsBefore = await app.db.jobCount();
  });

  // A refused upload leaves no job and no object behind (accepted ones are counted by their test).
  afterEach(async () => {
    expect(await app.db.jobCount()).toBe(jobsBefore);
    expect(await refusedUploadLeftovers(app.db, app.store)).toEqual([]);
  });

  async function accepted(response: Awaited<ReturnType<typeof upload>>): Promise<string> {
    expect(response).toEqual({ status: 202, body: { jobId: expect.any(String), status: 'waiting' } });
    jobsBefore += 1;
    return response.body['jobId'] as string;
  }

  it('decompresses a .csv.gz as it arrives and stores it under its inner name', async () => {
    const content = csv('s-1,2024-01-01,1', 's-2,2024-01-02,2.5');
    const jobId = await accepted(await upload(app.baseUrl, [{ name: 'Readings.CSV.GZ', content: gzipSync(content) }]));
    const job = await waitForStatus(app.baseUrl, jobId, [...DONE]);
    expect(job).toMatchObject({ status: 'processed', rowsProcessed: 2, validRows: 2 });
    expect(job.files.map(({ fileName, sizeBytes }) => ({ fileName, sizeBytes }))).toEqual([{ fileName: 'Readings.CSV', sizeBytes: Buffer.byteLength(content) }]);
  });

  it('makes each CSV of a .zip a file of the job, passing over folders and macOS metadata', async () => {
    const archive = zipBytes([
      { name: 'export/', content: '' },
      { name: 'export/north.csv', content: csv('n-1,2024-01-01,1', 'n-2,2024-01-02,2') },
      { name: '__MACOSX/export/._north.csv', content: 'junk' },
      { name: 'export/south.csv', content: csv('s-1,2024-01-03,10'), stored: true },
    ]);
    const jobId = await accepted(await upload(app.baseUrl, [{ name: 'regions.zip', content: archive }]));
    const job = await waitForStatus(app.baseUrl, jobId, [...DONE]);
    expect(job).toMatchObject({ status: 'processed', rowsProcessed: 3, validRows: 3, aggregations: { row_count: 3, min_value: 1, max_value: 10 } });
    expect(job.files.map(({ fileName, validRows }) => ({ fileName, validRows }))).toEqual([
      { fileName: 'north.csv', validRows: 2 },
      { fileName: 'south.csv', validRows: 1 },
    ]);
    const uploads = await app.db.uploadsOf(jobId);
    expect(uploads.map((u) => u.objectKey)).toEqual(uploads.map((u) => uploadKey(DEFAULT_WORKSPACE_ID, jobId, u.id, u.fileName)));
  });

  it('413 for a zip bomb: an entry that decompresses past the limit', async () => {
    const bomb = zipBytes([{ name: 'bomb.csv', content: Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(50 * 1024 * 1024, 'a')]) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const response = await upload(app.baseUrl, [
      { name: 'small.csv', content: csv('s-1,2024-01-01,1') },
      { name: 'bomb.zip', content: bomb },
    ]);
    expect(response).toEqual({ status: 413, body: expect.objectContaining({ message: '"bomb.zip/bomb.csv" is larger than the 1 MB limit once decompressed' }) });
  });

  it('413 for a gzip bomb, cut off at the limit', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(200 * 1024 * 1024, 'a')]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const response = await upload(app.baseUrl, [{ name: 'bomb.csv.gz', content: bomb }]);
    expect(response).toEqual({ status: 413, body: expect.objectContaining({ message: '"bomb.csv.gz" is larger than the 1 MB limit once decompressed' }) });
    // Stopped at the limit, not after inflating 200 MB (generous: the machine is shared).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('400 for a .zip holding a PDF, naming the entry', async () => {
    const archive = zipBytes([
      { name: 'a.csv', content: csv('s-1,2024-01-01,1') },
      { name: 'docs/manual.pdf', content: '%PDF-1.7\n' },
    ]);
    const response = await upload(app.baseUrl, [{ name: 'mixed.zip', content: archive }]);
    expect(response).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: '"mixed.zip" holds "docs/manual.pdf", which Sluice does not read: it is not a CSV file: a .zip may hold only .csv, .tsv and .txt files',
      }),
    });
  });

  it('400 for a .zip holding more CSV files than one upload may have, counting the other files', async () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `part-${i}.csv`, content: csv(`s-${i},2024-01-01,1`) }));
    const tooMany = await upload(app.baseUrl, [{ name: 'parts.zip', content: zipBytes(entries(4)) }]);
    expect(tooMany).toEqual({ status: 400, body: expect.objectContaining({ message: '"parts.zip" holds more than 3 CSV files, the most one upload may have' }) });
    const withOthers = await upload(app.baseUrl, [
      { name: 'one.csv', content: csv('s-1,2024-01-01,1') },
      { name: 'two.csv', content: csv('s-2,2024-01-01,1') },
      { name: 'parts.zip', content: zipBytes(entries(2)) },
    ]);
    expect(withOthers).toEqual({
      status: 400,
      body: expect.objectContaining({ message: 'Too many files: at most 3 per upload in this workspace, counting each CSV file inside a .zip' }),
    });
  });

  it('400 for a truncated .gz, a .gz that is not gzip, and a .gz holding a PDF', async () => {
    const whole = gzipSync(csv(...Array.from({ length: 2000 }, (_, i) => `s-${i},2024-01-01,${i}`)));
    const truncated = await upload(app.baseUrl, [{ name: 'cut.csv.gz', content: whole.subarray(0, Math.floor(whole.length / 2)) }]);
    expect(truncated).toEqual({ status: 400, body: expect.objectContaining({ message: '"cut.csv.gz" is not a valid gzip file: it is damaged or cut short' }) });
    const plain = await upload(app.baseUrl, [{ name: 'plain.csv.gz', content: csv('s-1,2024-01-01,1') }]);
    expect(plain).toEqual({ status: 400, body: expect.objectContaining({ message: '"plain.csv.gz" is not a valid gzip file: it is damaged or cut short' }) });
    const pdf = await upload(app.baseUrl, [{ name: 'report.csv.gz', content: gzipSync(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10000, 0x41)])) }]);
    expect(pdf).toEqual({ status: 400, body: expect.objectContaining({ message: '"report.csv.gz" is not a CSV file: its content looks like a PDF document' }) });
  });

  it('400 for an .xlsx that is not a workbook', async () => {
    const response = await upload(app.baseUrl, [{ name: 'readings.xlsx', content: csv('s-1,2024-01-01,1') }]);
    expect(response).toEqual({ status: 400, body: expect.objectContaining({ message: '"readings.xlsx" is not an Excel workbook (.xlsx): its content looks like text' }) });
  });

  // Reading them is wired into the worker's table reader separately (dialect detection, xlsxRows): here only their intake.
  it('accepts a .tsv and an .xlsx, stored as they came', async () => {
    const tsv = 'sensor_id\ttimestamp\tvalue\ns-1\t2024-01-01\t1\n';
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Readings').addRows([
      ['sensor_id', 'timestamp', 'value'],
      ['s-1', '2024-01-01', 1],
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const jobId = await accepted(
      await upload(app.baseUrl, [
        { name: 'readings.tsv', content: tsv },
        { name: 'Readings 2024.xlsx', content: xlsx },
      ]),
    );
    const job = await getJob(app.baseUrl, jobId);
    expect(job.files.map(({ fileName, sizeBytes }) => ({ fileName, sizeBytes }))).toEqual([
      { fileName: 'readings.tsv', sizeBytes: Buffer.byteLength(tsv) },
      { fileName: 'Readings_2024.xlsx', sizeBytes: xlsx.length },
    ]);
    await waitForStatus(app.baseUrl, jobId, [...DONE]);
  });
});
