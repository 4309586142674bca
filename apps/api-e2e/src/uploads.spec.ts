import { upload } from './support/api-client';
import { refusedUploadLeftovers } from './support/leftovers';
import { SluiceApp, startSluice } from './support/sluice-app';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { uploadKey } from '@sluice/storage';

const VALID = 'sensor_id,timestamp,value\ns-1,2024-01-01,1\n';

describe('POST /api/uploads refuses bad requests and leaves nothing behind', () => {
  let app: SluiceApp;
  let jobsBefore: number;

  beforeAll(async () => {
    app = await startSluice({ MAX_UPLOAD_MB: '1' });
  });

  afterAll(() => app?.close());

  beforeEach(async () => {
    jobsBefore = await app.db.jobCount();
  });

  // Objects of a refused upload would sit under a job id that has no row: there must be none.
  afterEach(async () => {
    expect(await app.db.jobCount()).toBe(jobsBefore);
    expect(await refusedUploadLeftovers(app.db, app.store)).toEqual([]);
  });

  it('400 Missing file when no file is sent', async () => {
    const response = await upload(app.baseUrl, []);
    expect(response).toEqual({ status: 400, body: expect.objectContaining({ message: 'Missing file: send one or more CSV files in the "files" field' }) });
  });

  it('400 when the body is not multipart', async () => {
    const response = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', body: JSON.stringify({ dataset: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/multipart\/form-data/);
  });

  it('400 for a file whose name Sluice does not read', async () => {
    const response = await upload(app.baseUrl, [{ name: 'readings.xls', content: VALID }]);
    expect(response).toEqual({
      status: 400,
      body: expect.objectContaining({ message: '"readings.xls" is not a CSV file: expected a file named .csv, .tsv, .txt, .xlsx, .csv.gz, .tsv.gz, .txt.gz or .zip' }),
    });
  });

  it('400 for a .csv whose content is binary, even after a good file was stored', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20000, 0x41)]);
    const response = await upload(app.baseUrl, [
      { name: 'good.csv', content: VALID },
      { name: 'report.csv', content: pdf },
    ]);
    expect(response).toEqual({ status: 400, body: expect.objectContaining({ message: '"report.csv" is not a CSV file: its content looks like a PDF document' }) });
  });

  it('400 for an unknown or missing dataset', async () => {
    const unknown = await upload(app.baseUrl, [{ name: 'a.csv', content: VALID }], { dataset: 'spaceships' });
    // Other suites may have added datasets: the message lists whatever is configured, presets included.
    const known = String.raw`\(known: [a-z_, ]*people[a-z_, ]*sensor_readings[a-z_, ]*\)`;
    expect(unknown.status).toBe(400);
    expect(unknown.body['message']).toMatch(new RegExp(`^Unknown dataset "spaceships" ${known}$`));
    const missing = await upload(app.baseUrl, [{ name: 'a.csv', content: VALID }], {});
    expect(missing.status).toBe(400);
    expect(missing.body['message']).toMatch(/^Missing field "dataset" \(one of: [a-z_, ]*sensor_readings[a-z_, ]*\) or "pipeline" \(one of: email_engagement\)$/);
  });

  it('400 for a retention longer than the configured one', async () => {
    const response = await upload(app.baseUrl, [{ name: 'a.csv', content: VALID }], { dataset: 'sensor_readings', retentionHours: '100' });
    expect(response.status).toBe(400);
    expect(response.body['message']).toBe('retentionHours must be a number above 0 and at most 48');
  });

  it('400 for a retention that is not a plain decimal number of hours (0x10, 1e1)', async () => {
    for (const retentionHours of ['0x10', '1e1', '12h']) {
      const response = await upload(app.baseUrl, [{ name: 'a.csv', content: VALID }], { dataset: 'sensor_readings', retentionHours });
      expect({ retentionHours, status: response.status, message: response.body['message'] }).toEqual({
        retentionHours,
        status: 400,
        message: 'retentionHours must be a number above 0 and at most 48',
      });
    }
  });

  it('413 for a file over the limit, also when a smaller file came first', async () => {
    const big = `sensor_id,timestamp,value\n${'s-1,2024-01-01T00:00:00Z,1.0\n'.repeat(60000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const response = await upload(app.baseUrl, [
      { name: 'small.csv', content: VALID },
      { name: 'big.csv', content: big },
    ]);
    expect(response).toEqual({ status: 413, body: expect.objectContaining({ message: '"big.csv" is larger than the 1 MB limit' }) });
  });

  it('stores the file under a sanitised name inside the job prefix', async () => {
    const response = await upload(app.baseUrl, [{ name: '../../etc/Week 1 (final).csv', content: VALID }]);
    expect(response.status).toBe(202);
    const jobId = response.body['jobId'] as string;
    const [stored] = await app.db.uploadsOf(jobId);
    expect(stored.fileName).toBe('Week_1_final_.csv');
    expect(stored.objectKey).toBe(uploadKey(DEFAULT_WORKSPACE_ID, jobId, stored.id, 'Week_1_final_.csv'));
    // This one was accepted: count it so afterEach checks only for leftovers.
    jobsBefore += 1;
  });
});
