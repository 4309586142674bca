import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { readMergeGroups, withDuckDb } from '@sluice/analytics';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { provenanceKey, stagedKey } from '@sluice/storage';

import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

const HEADER = 'sensor_id,timestamp,value';

describe('csvJob through REST, Temporal, S3 and Postgres', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('processes a valid file with correct aggregations', async () => {
    const csv = [HEADER, 's-1,2024-01-01T00:00:00Z,1.5', 's-2,2024-01-01T01:00:00Z,-3', 's-1,2024-01-02,10.25', '"s,3",2024-01-03,0'].join('\r\n');
    const created = await upload(app.baseUrl, [{ name: 'readings.csv', content: csv }]);
    expect(created).toEqual({ status: 202, body: { jobId: expect.any(String), status: 'waiting' } });

    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({
      status: 'processed',
      dataset: 'sensor_readings',
      rowsProcessed: 4,
      validRows: 4,
      invalidRowCount: 0,
      error: null,
      aggregations: { row_count: 4, min_value: -3, max_value: 10.25, per_sensor_count: { 's-1': 2, 's-2': 1, 's,3': 1 } },
      invalidRows: { total: 0, items: [] },
    });
    expect(job.fileIds).toHaveLength(1);
    expect(job.files[0]).toMatchObject({ fileName: 'readings.csv', sizeBytes: Buffer.byteLength(csv), validRows: 4 });
    expect(job.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Date(job.expiresAt ?? 0).getTime() - new Date(job.finishedAt ?? 0).getTime()).toBe(48 * 3_600_000);

    const staged = await app.store.list(stagedKey(DEFAULT_WORKSPACE_ID, job.id, job.fileIds[0]));
    expect(staged).toHaveLength(1);
  });

  it('marks a file with 3 bad rows partial, with exactly those rows and messages', async () => {
    const csv = [HEADER, 's-1,2024-01-01,1', 's-1,2024-02-30,2', 's-2,2024-01-02,3', 's-2,2024-01-03,lots', 's-3,2024-01-04,4', ',2024-01-05,5', 's-4,2024-01-06,6'].join('\n');
    const created = await upload(app.baseUrl, [{ name: 'some-bad.csv', content: csv }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);

    expect(job.status).toBe('partial');
    expect(job.invalidRowCount).toBe(3);
    expect(job.invalidRows.total).toBe(3);
    expect(job.invalidRows.items.map(({ row, error }) => ({ row, error }))).toEqual([
      { row: 3, error: 'timestamp "2024-02-30" is not an ISO-8601 date-time' },
      { row: 5, error: 'value "lots" is not a number' },
      { row: 7, error: 'sensor_id is required' },
    ]);
    expect(job.aggregations).toEqual({ row_count: 4, min_value: 1, max_value: 6, per_sensor_count: { 's-1': 1, 's-2': 1, 's-3': 1, 's-4': 1 } });
  });

  it('maps synonym and misspelt headers, ignores extra columns, and records the mapping on the file', async () => {
    const csv = ['Notes,Device ID,Recorded At,Meassurement', 'hello, d-1 ,13/01/2024,2.5', 'x,d-2,2024-01-02,"1,004"'].join('\n');
    const created = await upload(app.baseUrl, [{ name: 'renamed.csv', content: csv }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({
      status: 'processed',
      aggregations: { row_count: 2, min_value: 2.5, max_value: 1004, per_sensor_count: { 'd-1': 1, 'd-2': 1 } },
      cleaned: { whitespace: 1, date_format: 1, number_format: 1 },
    });
    expect(job.files[0].cleaned).toEqual(job.cleaned);
    expect(job.unmappedColumns).toEqual(['Notes']);
    expect(job.files[0].columns.map(({ header, field, method }) => [header, field, method])).toEqual([
      ['Notes', null, 'unmapped'],
      ['Device ID', 'sensor_id', 'synonym'],
      ['Recorded At', 'timestamp', 'synonym'],
      ['Meassurement', 'value', 'fuzzy'],
    ]);
  });

  it('processes a messy people export with the people preset: mapping, cleaning, derived domains', async () => {
    const csv = ['FName,Surname,E-mail,Company Website', 'john,MCDONALD, John@Acme.COM ,https://www.acme.com/', "mary,o'brien,mary@beta.io,", 'x,y,not-an-email,'].join('\n');
    const created = await upload(app.baseUrl, [{ name: 'leads.csv', content: csv }], { dataset: 'people' });
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'partial', dataset: 'people', validRows: 2, invalidRowCount: 1, aggregations: null });
    expect(job.cleaned).toEqual({ case: 5, whitespace: 1, domain: 1, domain_derived: 1 });
    expect(job.invalidRows.items).toEqual([expect.objectContaining({ row: 4, error: 'email "not-an-email" is not an email address' })]);
  });

  it('offers the clean records and the rejected rows as CSV downloads, safe to open in a spreadsheet', async () => {
    const csv = ['sensor_id,timestamp,value,note', '=cmd|calc,2024-01-01,1,ok', 's-2,2024-01-02,-4.5,fine', '@evil,2024-01-03,oops,"=1+1"'].join('\n');
    const created = await upload(app.baseUrl, [{ name: 'mixed.csv', content: csv }]);
    const jobId = created.body['jobId'] as string;
    const job = await waitForStatus(app.baseUrl, jobId, ['partial']);

    const clean = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`);
    expect(clean.status).toBe(200);
    expect(clean.headers.get('content-type')).toMatch(/^text\/csv/);
    const stamp = job.uploadTime.slice(0, 16).replace('T', '_').replace(':', '-');
    expect(clean.headers.get('content-disposition')).toBe(`attachment; filename="sensor_readings_${stamp}.csv"`);
    expect(await clean.text()).toBe(`sensor_id,timestamp,value\n'=cmd|calc,2024-01-01T00:00:00.000Z,1\ns-2,2024-01-02T00:00:00.000Z,-4.5\n`);

    const rejected = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download?part=rejected`);
    expect(rejected.headers.get('content-disposition')).toBe(`attachment; filename="sensor_readings_rejected_${stamp}.csv"`);
    expect(await rejected.text()).toBe(
      `source_file,line,error,sensor_id,timestamp,value,note,extra_values,original_text\nmixed.csv,4,"value ""oops"" is not a number",'@evil,2024-01-03,oops,'=1+1,,\n`,
    );

    expect((await fetch(`${app.baseUrl}/api/jobs/${jobId}/download?part=everything`)).status).toBe(400);
    expect((await fetch(`${app.baseUrl}/api/jobs/00000000-0000-4000-8000-000000000000/download`)).status).toBe(404);
  });

  it('merges two people files with different header spellings into one de-duplicated result', async () => {
    const crm = ['First Name,Last Name,Email,Job Title,Company Website,Location', 'jane,doe,jane@acme.com,,https://www.acme.com,London', 'john,roe,john@beta.io,CTO,beta.io,'].join(
      '\n',
    );
    const event = ['fname,surname,E-mail Address,Position', 'Jane,Doe,JANE@ACME.COM,VP Sales', 'Ann,Lee,ann@gamma.org,CEO'].join('\n');
    const created = await upload(
      app.baseUrl,
      [
        { name: 'crm.csv', content: crm },
        { name: 'event.csv', content: event },
      ],
      { dataset: 'people' },
    );
    const jobId = created.body['jobId'] as string;
    const job = await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'processed', validRows: 4 });
    // Jane is in both files: the more complete event-list record survives, its empty location filled from the CRM.
    expect(job.merge).toEqual({ rowsIn: 4, rowsOut: 3, duplicatesRemoved: 1, fieldsMerged: 1, conflicts: 0, groups: 1, flaggedGroups: 0 });
    const text = await (await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`)).text();
    const [header, ...rows] = text.trim().split('\n');
    expect(header.split(',').slice(0, 5)).toEqual(['first_name', 'last_name', 'full_name', 'email', 'job_title']);
    expect(rows[0]).toContain(',London,');
    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual(['Jane,Doe,,jane@acme.com,VP Sales', 'John,Roe,,john@beta.io,CTO', 'Ann,Lee,,ann@gamma.org,CEO']);

    // The merge's provenance is kept with the results: Jane's group names both files' lines.
    const scratch = mkdtempSync(join(tmpdir(), 'sluice-provenance-'));
    try {
      const file = join(scratch, 'provenance.parquet');
      await pipeline(await app.store.read(provenanceKey(DEFAULT_WORKSPACE_ID, jobId)), createWriteStream(file));
      const groups = await withDuckDb((db) => readMergeGroups(db, file, { page: 1, pageSize: 10, order: 'review', fileNames: ['crm.csv', 'event.csv'] }));
      expect(groups.total).toBe(1);
      expect(groups.items[0]).toMatchObject({ clusterId: 'c-0-2', size: 2, survivor: { email: 'jane@acme.com', job_title: 'VP Sales', person_location: 'London' } });
      expect(groups.items[0].members.map((m) => [m.fileName, m.line, m.reason, m.matchedOn])).toEqual([
        ['crm.csv', 2, 'key', null],
        ['event.csv', 2, 'key', 'email'],
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('fails a file of garbage bytes with a message, and records no rows', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    const created = await upload(app.baseUrl, [{ name: 'garbage.csv', content: garbage }]);
    expect(created.status).toBe(202);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);

    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^File is not text Sluice can read: it is not UTF-8, and its first 4,096 bytes hold no line break or delimiter/);
    expect(job.files[0].error).toBe(job.error);
    expect(job.aggregations).toBeNull();
    expect(job.invalidRows.total).toBe(0);
  });

  it('rejects only the row a stray quote breaks, with its line and original text, and reads the rows after it', async () => {
    const created = await upload(app.baseUrl, [{ name: 'quote.csv', content: `${HEADER}\ns-1,2024-01-01,1\n"s-2,2024-01-02,2\ns-3,2024-01-03,3\n` }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'partial', validRows: 2, invalidRowCount: 1, error: null });
    expect(job.invalidRows.items).toEqual([{ fileId: job.fileIds[0], row: 3, error: 'Malformed quote: the quote opened at line 3 is never closed' }]);
    expect(job.files[0].reading).toMatchObject({ malformedRows: 1, delimiter: ',', encoding: 'utf-8' });
    const rejected = await fetch(`${app.baseUrl}/api/jobs/${job.id}/download?part=rejected`);
    expect(await rejected.text()).toContain('quote.csv,3,Malformed quote: the quote opened at line 3 is never closed,,,,,"""s-2,2024-01-02,2"\n');
  });

  it('fails a file whose header lacks a required column, listing the headers seen', async () => {
    const created = await upload(app.baseUrl, [{ name: 'no-value.csv', content: 'sensor_id,timestamp\ns-1,2024-01-01\n' }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({
      status: 'failed',
      error:
        'Missing required column(s): value. Headers seen: sensor_id, timestamp (read as utf-8 text with commas, the header on line 1; set encoding, delimiter or headerLine on the upload if that is wrong)',
    });
  });

  it('fails a file whose every row is invalid', async () => {
    const created = await upload(app.baseUrl, [{ name: 'all-bad.csv', content: `${HEADER}\ns-1,x,1\ns-2,2024-01-01,y\n` }]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'failed', invalidRowCount: 2, validRows: 0, error: 'No valid rows: every row failed validation' });
  });

  it('aggregates several files of one job together and reports a rejected one as partial', async () => {
    const created = await upload(app.baseUrl, [
      { name: 'a.csv', content: `${HEADER}\na,2024-01-01,1\nb,2024-01-01,2\n` },
      { name: 'b.csv', content: `${HEADER}\na,2024-01-02,5\n` },
      { name: 'empty.csv', content: '' },
    ]);
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job.status).toBe('partial');
    expect(job.files.map((f) => [f.fileName, f.validRows, f.error])).toEqual([
      ['a.csv', 2, null],
      ['b.csv', 1, null],
      ['empty.csv', 0, 'File is empty: expected a header row'],
    ]);
    expect(job.aggregations).toEqual({ row_count: 3, min_value: 1, max_value: 5, per_sensor_count: { a: 2, b: 1 } });
  });

  it('lists jobs newest first with paging', async () => {
    const first = await upload(app.baseUrl, [{ name: 'one.csv', content: `${HEADER}\na,2024-01-01,1\n` }]);
    const second = await upload(app.baseUrl, [{ name: 'two.csv', content: `${HEADER}\na,2024-01-01,1\n` }]);
    const page = await (await fetch(`${app.baseUrl}/api/jobs?page=1&pageSize=2`)).json();
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(page.items.map((j: { id: string }) => j.id)).toEqual([second.body['jobId'], first.body['jobId']]);
    const bad = await fetch(`${app.baseUrl}/api/jobs?pageSize=1000`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toEqual(['pageSize must not be greater than 100']);
    const missing = await fetch(`${app.baseUrl}/api/jobs/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    // Leave no job running into the next suite.
    for (const created of [first, second]) await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed']);
  });
});
