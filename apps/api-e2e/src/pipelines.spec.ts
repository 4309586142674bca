import type { ComparisonView, JobDetailView, PipelineDefinition, ScheduleView, StoredPipeline } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import { upload, waitForStatus } from './support/api-client';
import { emailWeek, opensCsv, sendsCsv } from './support/email-campaign-fixture';
import { SluiceApp, startSluice } from './support/sluice-app';

/** A user's own pipeline: sends with their opens, and two metrics per campaign. */
const CAMPAIGN_OPENS: PipelineDefinition = {
  name: 'campaign_opens',
  label: 'Campaign opens',
  base: 'email_sends',
  joins: [
    {
      dataset: 'email_opens',
      type: 'left',
      on: [
        { left: 'recipient_email', right: 'recipient_email' },
        { left: 'date_sent', right: 'date_sent' },
      ],
      columns: [{ field: 'open_count', aggregate: 'sum' }],
    },
  ],
  metrics: {
    dateField: 'date_sent',
    dimensions: ['campaign'],
    metrics: [
      { name: 'sends', op: 'count' },
      { name: 'opens', op: 'sum', field: 'open_count' },
    ],
  },
};

describe('pipelines saved through REST', () => {
  let app: SluiceApp;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.baseUrl}/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };

  beforeAll(async () => {
    app = await startSluice();
  });

  afterAll(async () => {
    // Other test files list the pipelines: leave only the presets behind.
    await app?.db.repositories.pipelines.remove(DEFAULT_WORKSPACE_ID, CAMPAIGN_OPENS.name);
    await app?.close();
  });

  it('lists the presets as shipped', async () => {
    const { body } = await call<StoredPipeline[]>('GET', '/pipelines');
    expect(body.find((p) => p.definition.name === 'email_engagement')).toMatchObject({ origin: 'preset', definition: { base: 'email_sends' } });
  });

  it('saves a pipeline, runs a job through it, records its metrics, and deletes it only once no schedule uses it', async () => {
    const saved = await call<StoredPipeline>('PUT', '/pipelines/campaign_opens', CAMPAIGN_OPENS);
    expect(saved).toMatchObject({ status: 200, body: { origin: 'custom', definition: CAMPAIGN_OPENS } });
    const read = (await call<StoredPipeline>('GET', '/pipelines/campaign_opens')).body.definition;
    expect(read).toEqual(CAMPAIGN_OPENS);
    expect(Object.keys(read)).toEqual(['name', 'label', 'base', 'joins', 'metrics']); // as written, not as Postgres orders JSONB

    const week = emailWeek('2024-02-05', 1);
    const created = await upload(
      app.baseUrl,
      [
        { name: 'sends.csv', content: sendsCsv(week.sends) },
        { name: 'opens.csv', content: opensCsv(week.opens) },
      ],
      { pipeline: 'campaign_opens' },
    );
    expect(created.status).toBe(202);
    const job: JobDetailView = await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'processed', pipeline: 'campaign_opens', dataset: 'campaign_opens' });
    const result = (await (await fetch(`${app.baseUrl}/api/jobs/${job.id}/download`)).text()).trim().split('\n');
    expect(result[0].split(',')).toContain('open_count');
    expect(result).toHaveLength(week.sends.length + 1);

    const compare = await call<ComparisonView>('GET', '/metrics/compare?source=campaign_opens&metric=opens&granularity=week&from=2024-02-05&to=2024-02-11');
    expect(compare.status).toBe(200);
    // Opens count where they meet a send (a left join from the sends), computed here from the plain rows.
    const sent = new Set(week.sends.map((s) => `${s.email}|${s.date}`));
    const opens = week.opens.filter((o) => sent.has(`${o.email}|${o.date}`)).reduce((sum, o) => sum + o.opens, 0);
    expect(opens).toBeGreaterThan(0);
    expect(compare.body.periods.map((p) => [p.label, p.value])).toEqual([['2024-W06', opens]]);

    const schedule = await call<ScheduleView>('POST', '/schedules', { source: 'campaign_opens', paused: true });
    expect(schedule.status).toBe(201);
    const refused = await call<{ message: string }>('DELETE', '/pipelines/campaign_opens');
    expect(refused).toEqual({ status: 409, body: expect.objectContaining({ message: 'Pipeline "campaign_opens" is used by schedule campaign-opens-inbox; delete that first' }) });
    expect((await call('DELETE', '/schedules/campaign-opens-inbox')).status).toBe(204);
    expect((await call('DELETE', '/pipelines/campaign_opens')).status).toBe(204);
    expect((await call('GET', '/pipelines/campaign_opens')).status).toBe(404);
    // Its history stays: the recorded metrics are not the pipeline's to delete.
    expect(await app.db.sql`SELECT 1 FROM "MetricDaily" WHERE source = 'campaign_opens' LIMIT 1`).toHaveLength(1);
  });

  it("refuses what it cannot save, with each problem's path, and keeps the presets", async () => {
    const problems = async (name: string, body: unknown) => {
      const response = await call<{ message: string; problems?: { path: string; message: string }[] }>('PUT', `/pipelines/${name}`, body);
      expect(response.status).toBe(400);
      return response.body.problems;
    };
    expect(await problems('bad_join', { ...CAMPAIGN_OPENS, name: 'bad_join', joins: [{ ...CAMPAIGN_OPENS.joins[0], dataset: 'nope' }] })).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'joins.0.dataset' })]),
    );
    expect(await problems('other_name', CAMPAIGN_OPENS)).toEqual([{ path: 'name', message: 'must be "other_name", the pipeline in the URL' }]);
    expect(await problems('people', { ...CAMPAIGN_OPENS, name: 'people' })).toEqual([{ path: 'name', message: '"people" is a dataset; a pipeline needs a name of its own' }]);
    expect((await call('GET', '/pipelines/bad_join')).status).toBe(404);

    const preset = await call<{ message: string }>('DELETE', '/pipelines/email_engagement');
    expect(preset.status).toBe(409);
    const dataset = await call<{ problems: unknown[] }>('PUT', '/datasets/email_engagement', { label: 'Clash', fields: [{ name: 'a', type: 'string', required: false }] });
    expect(dataset).toEqual({
      status: 400,
      body: expect.objectContaining({ problems: [{ path: 'name', message: '"email_engagement" is a pipeline; a dataset needs a name of its own' }] }),
    });
  });
});
