import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';

import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

/** Real exports through REST, Temporal, S3 and Postgres: read as they are written, and reported as read. */
describe('real-world files', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  const finished = (jobId: unknown) => waitForStatus(app.baseUrl, jobId as string, ['processed', 'partial', 'failed']);

  it('reads a German Excel export: windows-1252, semicolons, decimal commas, a title above the header and a totals line below', async () => {
    const text = [
      'Messwerte Gewächshaus Nord – Export vom 08.03.2024',
      '',
      'Device;Recorded At;Reading',
      'gewächshaus-süd;2024-03-01T00:15:00Z;18,5',
      'gewächshaus-süd;2024-03-01T00:30:00Z;19,25',
      'kühlraum-öst;2024-03-01T00:15:00Z;1.204,75',
      'kühlraum-öst;2024-03-01T00:30:00Z;-2,5',
      'Summe;;1.240,00',
    ].join('\r\n');
    const created = await upload(app.baseUrl, [{ name: 'messwerte.csv', content: encode(text + '\r\n', 'windows-1252') }]);
    const job = await finished(created.body['jobId']);
    expect(job).toMatchObject({ status: 'processed', validRows: 4, invalidRowCount: 0 });
    expect(job.aggregations).toMatchObject({ row_count: 4, min_value: -2.5, max_value: 1204.75, per_sensor_count: { 'gewächshaus-süd': 2, 'kühlraum-öst': 2 } });
    expect(job.files[0].reading).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      encodingSource: 'detected',
      delimiter: ';',
      headerLine: 3,
      preamble: [{ line: 1, text: 'Messwerte Gewächshaus Nord – Export vom 08.03.2024' }],
      blankLines: 1,
      trailing: [{ kind: 'totals', line: 8, lines: 1 }],
    });
  });

  it('reads what Excel saves as "Unicode text": UTF-16 with a byte order mark, tab-separated', async () => {
    const text = ['sensor_id\ttimestamp\tvalue', 's-1\t2024-03-01\t1.5', 's-2\t2024-03-02\t2.5'].join('\r\n') + '\r\n';
    const created = await upload(app.baseUrl, [{ name: 'readings.txt', content: Buffer.concat([Buffer.from([0xff, 0xfe]), encode(text, 'utf-16le')]) }]);
    const job = await finished(created.body['jobId']);
    expect(job).toMatchObject({ status: 'processed', validRows: 2 });
    expect(job.files[0].reading).toMatchObject({ encoding: 'utf-16le', encodingSource: 'bom', delimiter: '\t' });
  });

  it('reads an Excel workbook: the sheet asked for, title rows skipped, date cells as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['nothing to read here']);
    const sheet = workbook.addWorksheet('March readings');
    sheet.addRow(['Greenhouse north: March']);
    sheet.addRow([]);
    sheet.addRow(['Sensor', 'Measured at', 'Reading']);
    sheet.addRow(['gh-1', new Date(Date.UTC(2024, 2, 1, 8, 30)), 20.5]);
    sheet.addRow(['gh-2', new Date(Date.UTC(2024, 2, 2)), 21]);
    sheet.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const created = await upload(app.baseUrl, [{ name: 'readings.xlsx', content: bytes }], { dataset: 'sensor_readings', sheet: 'March readings' });
    const job = await finished(created.body['jobId']);
    expect(job).toMatchObject({ status: 'processed', validRows: 2 });
    expect(job.aggregations).toMatchObject({ row_count: 2, min_value: 20.5, max_value: 21 });
    expect(job.files[0].reading).toMatchObject({ format: 'xlsx', sheet: 'March readings', headerLine: 3, preamble: [{ line: 1, text: 'Greenhouse north: March' }] });
  });

  it('reads a file as the upload says: delimiter, header line and a corrected column, kept in the job spec', async () => {
    const text = ['exported by probe-hub', 'probe|when|reading|device', 'p-1|2024-03-01|1|ignored', 'p-2|2024-03-02|2|ignored'].join('\n');
    const fields = { dataset: 'sensor_readings', delimiter: '|', headerLine: '2', columnFields: JSON.stringify({ probe: 'sensor_id', when: 'timestamp', device: null }) };
    const created = await upload(app.baseUrl, [{ name: 'probes.csv', content: text }], fields);
    const job = await finished(created.body['jobId']);
    expect(job).toMatchObject({ status: 'processed', validRows: 2 });
    expect(job.aggregations).toMatchObject({ per_sensor_count: { 'p-1': 1, 'p-2': 1 } });
    expect(job.files[0].reading).toMatchObject({ delimiter: '|', dialectSource: 'detected', headerLine: 2 });
    expect(job.files[0].columns.map((c) => [c.header, c.field, c.method])).toEqual([
      ['probe', 'sensor_id', 'override'],
      ['when', 'timestamp', 'override'],
      ['reading', 'value', 'synonym'],
      ['device', null, 'unmapped'],
    ]);
  });

  it('rejects the row holding bytes its encoding cannot decode, never replacing them silently', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `capteur-é${i},2024-03-0${i + 1},${i}`);
    const bytes = Buffer.concat([
      Buffer.from(['sensor_id,timestamp,value', ...rows.slice(0, 3)].join('\n') + '\n'),
      Buffer.from([0x62, 0xe9, 0x74, 0x61, 0x2c]),
      Buffer.from(`2024-03-09,9\n${rows.slice(3).join('\n')}\n`),
    ]);
    const created = await upload(app.baseUrl, [{ name: 'capteurs.csv', content: bytes }]);
    const job = await finished(created.body['jobId']);
    expect(job).toMatchObject({ status: 'partial', validRows: 6, invalidRowCount: 1 });
    expect(job.invalidRows.items).toEqual([{ fileId: job.fileIds[0], row: 5, error: expect.stringContaining('not valid utf-8') }]);
    expect(job.files[0].reading).toMatchObject({ encoding: 'utf-8', undecodableRows: 1 });
  });
});
