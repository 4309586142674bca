import { SluiceApp, startSluice } from './support/sluice-app';

describe('GET /health and /docs', () => {
  let app: SluiceApp;

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(() => app?.close());

  it('reports Postgres, S3 and Temporal up', async () => {
    const response = await fetch(`${app.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, s3: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${app.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/uploads', '/api/jobs', '/api/jobs/{id}', '/health']));
  });
});
