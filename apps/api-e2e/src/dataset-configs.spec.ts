import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

const GAUGES = {
  label: 'Gauges',
  fields: [
    { name: 'gauge', type: 'string', required: true, synonyms: ['device id'] },
    { name: 'reading', type: 'decimal', required: true },
  ],
};
const FILE = { name: 'gauges.csv', content: 'Device ID,reading\ng-1,1.5\n' };

describe('versioned dataset configurations', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  const put = (name: string, body: unknown) =>
    fetch(`${app.baseUrl}/api/datasets/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const post = (path: string, body?: unknown) =>
    fetch(`${app.baseUrl}/api/datasets/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const runJob = async () => {
    const created = await upload(app.baseUrl, [FILE], { dataset: 'gauges' });
    expect(created.status).toBe(202);
    return waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
  };

  it('records the version each job ran with; a change applies to the next job; restore brings an old version back', async () => {
    const created = await put('gauges', GAUGES);
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ version: 1, definition: { name: 'gauges', label: 'Gauges' } });
    const first = await runJob();
    expect(first).toMatchObject({ status: 'processed', datasetVersion: 1 });

    const withoutSynonym = { ...GAUGES, fields: [{ name: 'gauge', type: 'string', required: true }, GAUGES.fields[1]] };
    expect(await (await put('gauges', withoutSynonym)).json()).toMatchObject({ version: 2 });
    const second = await runJob();
    expect(second).toMatchObject({
      status: 'failed',
      datasetVersion: 2,
      error:
        'Missing required column(s): gauge. Headers seen: Device ID, reading (read as utf-8 text with commas, the header on line 1; set encoding, delimiter or headerLine on the upload if that is wrong)',
    });

    const history = await (await fetch(`${app.baseUrl}/api/datasets/gauges/versions`)).json();
    expect(history.map((v: { version: number; origin: string; current: boolean }) => [v.version, v.origin, v.current])).toEqual([
      [2, 'update', true],
      [1, 'update', false],
    ]);
    const restored = await post('gauges/versions/1/restore');
    expect(await restored.json()).toMatchObject({ version: 3, definition: { fields: [{ synonyms: ['device id'] }, {}] } });
    expect(await runJob()).toMatchObject({ status: 'processed', datasetVersion: 3 });

    // The first job keeps the version it ran with.
    expect((await (await fetch(`${app.baseUrl}/api/jobs/${first.id}`)).json()).datasetVersion).toBe(1);
  });

  it('keeps unmapped columns of every file in the result when the dataset is set to', async () => {
    const definition = { label: 'Visitors', keepUnmapped: true, fields: [{ name: 'email', type: 'email', required: true }], dedupe: { keys: [['email']], policy: 'first' } };
    expect((await put('visitors', definition)).status).toBe(200);
    const created = await upload(
      app.baseUrl,
      [
        { name: 'fair.csv', content: 'Email,Booth\na@x.io,12\n' },
        { name: 'web.csv', content: 'email,Referrer\nb@y.io,ads\nA@X.io,\n' },
      ],
      { dataset: 'visitors' },
    );
    const job = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'processed', merge: { rowsIn: 3, rowsOut: 2, duplicatesRemoved: 1 } });
    expect(await (await fetch(`${app.baseUrl}/api/jobs/${job.id}/download`)).text()).toBe('email,Booth,Referrer\na@x.io,12,\nb@y.io,,ads\n');
  });

  it('saves nothing new for an unchanged definition', async () => {
    const before = (await (await fetch(`${app.baseUrl}/api/datasets/gauges`)).json()).version;
    const again = await put('gauges', (await (await fetch(`${app.baseUrl}/api/datasets/gauges`)).json()).definition);
    expect((await again.json()).version).toBe(before);
  });

  it('refuses an invalid definition with field-level problems', async () => {
    const response = await put('gauges', { label: 'Gauges', fields: [{ name: 'gauge', type: 'colour', required: true }], dedupe: { keys: [['nope']], policy: 'first' } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toBe('Invalid dataset definition');
    expect(body.problems.map((p: { path: string }) => p.path)).toEqual(['fields.0.type']);
    const renamed = await put('gauges', { ...GAUGES, name: 'meters' });
    expect((await renamed.json()).problems).toEqual([{ path: 'name', message: 'must be "gauges", the dataset in the URL' }]);
  });

  it('exports every definition as JSON and imports all or nothing', async () => {
    const exported = await fetch(`${app.baseUrl}/api/datasets/export`);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="sluice-datasets-\d{4}-\d{2}-\d{2}\.json"$/);
    const definitions = await exported.json();
    const gauges = definitions.find((d: { name: string }) => d.name === 'gauges');
    expect(gauges).toBeDefined();

    const bad = await post('import', [{ ...gauges, label: 'Renamed' }, { name: 'broken' }]);
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0].path).toMatch(/^1\./);
    expect((await (await fetch(`${app.baseUrl}/api/datasets/gauges`)).json()).definition.label).toBe('Gauges');

    const good = await post('import', [{ ...gauges, label: 'Renamed' }]);
    expect(good.status).toBe(201);
    expect((await (await fetch(`${app.baseUrl}/api/datasets/gauges`)).json()).definition.label).toBe('Renamed');
  });
});
