import { SluiceApp, startSluice } from './support/sluice-app';

describe('datasets and header mapping preview', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  const preview = (name: string, body: unknown) =>
    fetch(`${app.baseUrl}/api/datasets/${name}/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('lists datasets with their fields', async () => {
    const datasets = await (await fetch(`${app.baseUrl}/api/datasets`)).json();
    expect(datasets.map((d: { definition: { name: string } }) => d.definition.name)).toContain('sensor_readings');
  });

  it('previews the mapping of a header row with scores and methods', async () => {
    const response = await preview('sensor_readings', { headers: ['Device ID', 'Recorded At', 'Meassurement', 'Notes'] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.missingRequired).toEqual([]);
    expect(body.columns.map((c: { header: string; field: string | null; method: string }) => [c.header, c.field, c.method])).toEqual([
      ['Device ID', 'sensor_id', 'synonym'],
      ['Recorded At', 'timestamp', 'synonym'],
      ['Meassurement', 'value', 'fuzzy'],
      ['Notes', null, 'unmapped'],
    ]);
  });

  it('previews from the start of a file and names missing required fields', async () => {
    const body = await (await preview('sensor_readings', { sample: '\uFEFFsensor,"reading"\ns-1,2\n' })).json();
    expect(body.columns.map((c: { field: string | null }) => c.field)).toEqual(['sensor_id', 'value']);
    expect(body.missingRequired).toEqual(['timestamp']);
  });

  it('refuses a preview without headers or sample, and an unknown dataset', async () => {
    const empty = await preview('sensor_readings', {});
    expect(empty.status).toBe(400);
    expect((await empty.json()).message).toBe('Send "headers" (an array) or "sample" (the start of a CSV file)');
    const unknown = await preview('spaceships', { headers: ['a'] });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe('Unknown dataset "spaceships"');
    const wrongType = await preview('sensor_readings', { headers: 'a,b' });
    expect(wrongType.status).toBe(400);
  });

  it('detects the dataset of a header row, or says none fits', async () => {
    const detect = (body: unknown) => fetch(`${app.baseUrl}/api/datasets/detect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const opens = await detect({ sample: 'Recipient,Sent Date,Opens,Click Count\nann@acme.com,2026-01-05,2,1\n' });
    expect(opens.status).toBe(200);
    expect(await opens.json()).toEqual({ dataset: 'email_opens', coverage: 4 / 7 });
    const none = await detect({ headers: ['planet', 'orbit'] });
    expect(none.status).toBe(422);
    expect((await none.json()).message).toBe('No dataset fits these headers: planet, orbit');
  });
});
