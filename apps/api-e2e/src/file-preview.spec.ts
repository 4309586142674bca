import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { upload } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

const GAUGES = {
  label: 'Preview gauges',
  fields: [
    { name: 'gauge', type: 'string', required: true, synonyms: ['device id'] },
    { name: 'reading', type: 'decimal', required: true },
    { name: 'site', type: 'string', required: false },
  ],
};

describe('file preview, remembered synonyms and per-upload reading options', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
    const created = await fetch(`${app.baseUrl}/api/datasets/preview_gauges`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(GAUGES) });
    if (created.status !== 200) throw new Error(`PUT preview_gauges: ${created.status} ${await created.text()}`);
  });

  afterAll(() => app?.close());

  const preview = async (content: string, fields: Record<string, string> = {}, fileName = 'gauges.csv') => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content]), fileName);
    const response = await fetch(`${app.baseUrl}/api/datasets/preview_gauges/preview`, { method: 'POST', body: form });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const addSynonyms = async (synonyms: unknown) => {
    const response = await fetch(`${app.baseUrl}/api/datasets/preview_gauges/synonyms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ synonyms }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('previews an uploaded CSV: how it is read, its mapping with scores, what is missing and its first rows', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `g-${i},${i}.5,north`);
    const { status, body } = await preview(`Device ID,Reading,Notes\n${rows.join('\n')}\n`);
    expect(status).toBe(200);
    expect(body['header']).toEqual(['Device ID', 'Reading', 'Notes']);
    expect(body['reading']).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', headerLine: 1 });
    expect((body['columns'] as { header: string; field: string | null; method: string; score: number }[]).map((c) => [c.header, c.field, c.method])).toEqual([
      ['Device ID', 'gauge', 'synonym'],
      ['Reading', 'reading', 'exact'],
      ['Notes', null, 'unmapped'],
    ]);
    expect(body['missingRequired']).toEqual([]);
    expect(body['rows']).toHaveLength(20);
    expect((body['rows'] as string[][])[0]).toEqual(['g-0', '0.5', 'north']);
    expect(body['rejected']).toEqual([]);
  });

  it('reads only the first MiB of a large file and leaves out the line the cut fell in', async () => {
    const line = 'g-1,1.5,' + 'x'.repeat(90) + '\n';
    const content = 'Device ID,Reading,Site\n' + line.repeat(Math.ceil((3 * 1024 * 1024) / line.length));
    const { status, body } = await preview(content);
    expect(status).toBe(200);
    expect(body['rows']).toHaveLength(20);
    expect(body['rejected']).toEqual([]);
  });

  it('says what is missing, and applies corrections sent as columnFields', async () => {
    const plain = await preview('Sensor,Reading\ns-1,2\n');
    expect(plain.status).toBe(200);
    expect(plain.body['missingRequired']).toEqual(['gauge']);
    const corrected = await preview('Sensor,Reading\ns-1,2\n', { columnFields: JSON.stringify({ Sensor: 'gauge' }) });
    expect(corrected.status).toBe(200);
    expect(corrected.body['missingRequired']).toEqual([]);
    expect(corrected.body['columns']).toEqual(expect.arrayContaining([expect.objectContaining({ header: 'Sensor', field: 'gauge', method: 'override' })]));
  });

  it('refuses bad reading options and bad forms with a sentence naming the problem', async () => {
    const encoding = await preview('Device ID,Reading\ng,1\n', { encoding: 'klingon-8' });
    expect(encoding.status).toBe(400);
    expect(encoding.body['message']).toMatch(/^Invalid reading option "encoding": is not an encoding Sluice can decode/);
    const delimiter = await preview('Device ID,Reading\ng,1\n', { delimiter: '#' });
    expect(delimiter.status).toBe(400);
    expect(delimiter.body['message']).toMatch(/^Invalid reading option "delimiter"/);
    const headerLine = await preview('Device ID,Reading\ng,1\n', { headerLine: 'first' });
    expect(headerLine.status).toBe(400);
    expect(headerLine.body['message']).toMatch(/"headerLine"/);
    const columnFields = await preview('Device ID,Reading\ng,1\n', { columnFields: '[1' });
    expect(columnFields.status).toBe(400);
    expect(columnFields.body['message']).toMatch(/"columnFields": must be a JSON object/);

    const form = new FormData();
    form.append('encoding', 'utf-8');
    const noFile = await fetch(`${app.baseUrl}/api/datasets/preview_gauges/preview`, { method: 'POST', body: form });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { message: string }).message).toBe('Send the file to preview as the multipart part "file"');
    const empty = await preview('');
    expect(empty.status).toBe(400);
    expect(empty.body['message']).toBe('"gauges.csv" is empty');
    const unknown = await fetch(`${app.baseUrl}/api/datasets/no_such_dataset/preview`, { method: 'POST', body: form });
    expect(unknown.status).toBe(404);
  });

  it('keeps answering JSON previews of a header row', async () => {
    const response = await fetch(`${app.baseUrl}/api/datasets/preview_gauges/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ headers: ['Device ID', 'reading'] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ missingRequired: [], columns: [{ field: 'gauge' }, { field: 'reading' }] });
  });

  it('remembers a correction as a synonym in a new version, so the next preview maps the header by itself', async () => {
    const before = (await (await fetch(`${app.baseUrl}/api/datasets/preview_gauges`)).json()) as { version: number };
    const saved = await addSynonyms([{ field: 'gauge', header: ' Instrument Tag ' }]);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: before.version + 1, definition: { name: 'preview_gauges' } });
    const gauge = (saved.body['definition'] as typeof GAUGES).fields[0];
    expect(gauge.synonyms).toEqual(['device id', 'Instrument Tag']);
    const versions = (await (await fetch(`${app.baseUrl}/api/datasets/preview_gauges/versions`)).json()) as { version: number; origin: string }[];
    expect(versions[0]).toMatchObject({ version: before.version + 1, origin: 'synonyms: Instrument Tag → gauge' });

    const next = await preview('Instrument Tag,Reading\nt-1,3\n');
    expect(next.body['columns']).toEqual([
      expect.objectContaining({ header: 'Instrument Tag', field: 'gauge', method: 'synonym', score: 100 }),
      expect.objectContaining({ field: 'reading' }),
    ]);
    expect(next.body['missingRequired']).toEqual([]);

    // The same synonym again changes nothing but still saves cleanly.
    const again = await addSynonyms([{ field: 'gauge', header: 'instrument tag' }]);
    expect(again.status).toBe(201);
    expect((again.body['definition'] as typeof GAUGES).fields[0].synonyms).toEqual(['device id', 'Instrument Tag']);
  });

  it('refuses a synonym another field answers to, an unknown field and an empty header, saving nothing', async () => {
    const before = (await (await fetch(`${app.baseUrl}/api/datasets/preview_gauges`)).json()) as { version: number };
    const conflict = await addSynonyms([{ field: 'site', header: 'Device-ID' }]);
    expect(conflict.status).toBe(409);
    expect(conflict.body['message']).toBe('"Device-ID" already maps to field gauge, so it cannot also be a synonym of site');
    const byName = await addSynonyms([{ field: 'site', header: 'Reading' }]);
    expect(byName.status).toBe(409);
    expect(byName.body['message']).toMatch(/already maps to field reading/);
    const unknown = await addSynonyms([{ field: 'nope', header: 'Where' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body['message']).toMatch(/^synonyms\.0\.field: "nope" is not a field of preview_gauges/);
    const empty = await addSynonyms([{ field: 'site', header: '  ' }]);
    expect(empty.status).toBe(400);
    expect(empty.body['message']).toBe('synonyms.0.header: must not be empty');
    const shape = await addSynonyms('site=Where');
    expect(shape.status).toBe(400);
    expect((await (await fetch(`${app.baseUrl}/api/datasets/preview_gauges`)).json()) as { version: number }).toMatchObject({ version: before.version });
  });

  it("stores an upload's reading options in the job spec, and refuses bad ones naming the field", async () => {
    const fields = { dataset: 'preview_gauges', encoding: 'latin1', delimiter: 'tab', quote: '', headerLine: '2', columnFields: JSON.stringify({ Sensor: 'gauge', Notes: null }) };
    const created = await upload(app.baseUrl, [{ name: 'g.csv', content: 'Gauges\nSensor\tReading\ns-1\t2\n' }], fields);
    expect(created.status).toBe(202);
    const spec = await app.db.repositories.jobs.spec(DEFAULT_WORKSPACE_ID, created.body['jobId'] as string);
    expect(spec).toMatchObject({
      kind: 'dataset',
      reading: { encoding: 'windows-1252', delimiter: '\t', quote: '', headerLine: 2, columnFields: { Sensor: 'gauge', Notes: null } },
    });

    const plain = await upload(app.baseUrl, [{ name: 'g.csv', content: 'Device ID,Reading\ng,1\n' }], { dataset: 'preview_gauges' });
    expect(plain.status).toBe(202);
    expect(await app.db.repositories.jobs.spec(DEFAULT_WORKSPACE_ID, plain.body['jobId'] as string)).not.toHaveProperty('reading');

    const refused = async (extra: Record<string, string>) => {
      const answer = await upload(app.baseUrl, [{ name: 'g.csv', content: 'Device ID,Reading\ng,1\n' }], { dataset: 'preview_gauges', ...extra });
      expect(answer.status).toBe(400);
      return answer.body['message'];
    };
    expect(await refused({ encoding: 'klingon-8' })).toMatch(/^Invalid reading option "encoding"/);
    expect(await refused({ escape: '/' })).toMatch(/^Invalid reading option "escape"/);
    expect(await refused({ headerLine: '0' })).toMatch(/^Invalid reading option "headerLine"/);
    expect(await refused({ columnFields: '{"Sensor":"nope"}' })).toMatch(
      /^Invalid reading option "columnFields": "Sensor" is mapped to "nope", which is not a field of preview_gauges/,
    );
    expect(await refused({ columnFields: '{"Sensor":5}' })).toMatch(/^Invalid reading option "columnFields" \(for "Sensor"\)/);
  });
});
