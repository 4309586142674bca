import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { distinctKeyOf } from '@sluice/analytics';
import type { ComparisonView, JobDetailView, SeriesView } from '@sluice/contracts';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import type { SqlQuery } from '@sluice/db/testing';

import { getJob, upload, waitForStatus } from './support/api-client';
import { accountsCsv, contactsCsv, emailWeek, Open, opensCsv, regionOf, Send, sendsCsv } from './support/email-campaign-fixture';
import { SluiceApp, startSluice } from './support/sluice-app';

const WEEK_A = emailWeek('2026-01-26', 0); // ISO 2026-W05: Monday 26 January to Sunday 1 February
const WEEK_B = emailWeek('2026-02-02', 1); // 2026-W06
const DONE = ['processed', 'partial', 'failed'] as const;

/** The seed 000 metrics of the sends in a range, computed from the generated rows alone. */
function expected(sends: Send[], opens: Open[], inRange: (day: string) => boolean) {
  const opensBySend = new Map<string, number>();
  for (const o of opens) opensBySend.set(`${o.email}|${o.date}`, (opensBySend.get(`${o.email}|${o.date}`) ?? 0) + o.opens);
  const mine = sends.filter((s) => inRange(s.date));
  const opened = mine.filter((s) => opensBySend.has(`${s.email}|${s.date}`)).length;
  return {
    sends: mine.length,
    opened,
    opens: mine.reduce((total, s) => total + (opensBySend.get(`${s.email}|${s.date}`) ?? 0), 0),
    contacts: new Set(mine.map((s) => s.email)).size,
    openRate: opened / mine.length,
    bySendDomain: (domain: string) => mine.filter((s) => s.domain === domain).length,
  };
}

const pct = (current: number, previous: number) => Math.round(((current - previous) / previous) * 10_000) / 100;
const between = (from: string, to: string) => (day: string) => day >= from && day <= to;

describe('email_engagement pipeline: joins, daily metrics and WoW / MoM comparisons', () => {
  let app: SluiceApp;
  let jobB: JobDetailView;
  const allSends = [...WEEK_A.sends, ...WEEK_B.sends];
  const allOpens = [...WEEK_A.opens, ...WEEK_B.opens];

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const compare = (query: string) => get<ComparisonView>(`/api/metrics/compare?source=email_engagement&${query}`);

  async function uploadWeek(week: { sends: Send[]; opens: Open[] }): Promise<JobDetailView> {
    // No dataset tags: each file's dataset is detected from its headers.
    const files = [
      { name: 'opens.csv', content: opensCsv(week.opens) },
      { name: 'contacts.csv', content: contactsCsv() },
      { name: 'sends.csv', content: sendsCsv(week.sends) },
      { name: 'accounts.csv', content: accountsCsv() },
    ];
    const created = await upload(app.baseUrl, files, { pipeline: 'email_engagement' });
    expect(created.status).toBe(202);
    return waitForStatus(app.baseUrl, created.body['jobId'] as string, [...DONE]);
  }

  beforeAll(async () => {
    app = await startSluice();
    const jobA = await uploadWeek(WEEK_A);
    expect(jobA).toMatchObject({ status: 'processed', pipeline: 'email_engagement', dataset: 'email_engagement', error: null });
    jobB = await uploadWeek(WEEK_B);
  });

  afterAll(() => app?.close());

  it('detects each file by its headers and joins them into the final sheet', async () => {
    expect(jobB.status).toBe('processed');
    expect(jobB.files.map((f) => f.dataset)).toEqual(['email_opens', 'contacts', 'email_sends', 'accounts']);
    expect(jobB.metrics).toEqual({ source: 'email_engagement', rows: WEEK_B.sends.length, rowsWithoutDate: 0, days: 7, firstDay: '2026-02-02', lastDay: '2026-02-08' });
    expect(jobB.merge).toMatchObject({ rowsOut: WEEK_B.sends.length, duplicatesRemoved: 1 }); // the repeated contact
    const csv = await (await fetch(`${app.baseUrl}/api/jobs/${jobB.id}/download`)).text();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['recipient_email', 'domain', 'open_count', 'clicks', 'first_name', 'account_name', 'region']));
    expect(rows).toHaveLength(WEEK_B.sends.length);
    const columns = header.split(',');
    const first = Object.fromEntries(rows[0].split(',').map((value, i) => [columns[i], value]));
    expect(first['domain']).toBe(WEEK_B.sends[0].domain);
    expect(first['region']).toBe(regionOf(WEEK_B.sends[0].domain) ?? '');
  });

  it('compares weeks (ISO, Monday) with numbers computed independently', async () => {
    const a = expected(allSends, allOpens, between('2026-01-26', '2026-02-01'));
    const b = expected(allSends, allOpens, between('2026-02-02', '2026-02-08'));
    const sends = await compare('metric=sends&granularity=week&from=2026-01-26&to=2026-02-08');
    expect(sends.status).toBe(200);
    expect(sends.body.periods).toEqual([
      { period: '2026-01-26', label: '2026-W05', start: '2026-01-26', end: '2026-02-01', value: a.sends, previous: 0, change: a.sends, changePct: null },
      {
        period: '2026-02-02',
        label: '2026-W06',
        start: '2026-02-02',
        end: '2026-02-08',
        value: b.sends,
        previous: a.sends,
        change: b.sends - a.sends,
        changePct: pct(b.sends, a.sends),
      },
    ]);
    expect(sends.body.kpi).toEqual({ period: '2026-W06', current: b.sends, previous: a.sends, change: b.sends - a.sends, changePct: pct(b.sends, a.sends) });

    const rate = await compare('metric=open_rate&granularity=week&from=2026-02-02&to=2026-02-08');
    expect(rate.body.kpi.current).toBeCloseTo(b.openRate, 10);
    expect(rate.body.kpi.previous).toBeCloseTo(a.openRate, 10);
    expect(rate.body.kpi.changePct).toBe(pct(b.openRate, a.openRate));

    const opens = await compare('metric=opens&granularity=week&from=2026-02-02&to=2026-02-08');
    expect(opens.body.kpi).toMatchObject({ current: b.opens, previous: a.opens });
  });

  it('compares calendar months, counting a contact once per month', async () => {
    const jan = expected(allSends, allOpens, between('2026-01-01', '2026-01-31'));
    const feb = expected(allSends, allOpens, between('2026-02-01', '2026-02-28'));
    const contacts = await compare('metric=contacts&granularity=month&from=2026-01-01&to=2026-02-28');
    expect(contacts.body.periods.map((p) => [p.label, p.value])).toEqual([
      ['2026-01', jan.contacts],
      ['2026-02', feb.contacts],
    ]);
    expect(contacts.body.kpi).toMatchObject({ current: feb.contacts, previous: jan.contacts, changePct: pct(feb.contacts, jan.contacts) });
    const sends = await compare('metric=sends&granularity=month&from=2026-02-01&to=2026-02-28');
    expect(sends.body.kpi).toMatchObject({ current: feb.sends, previous: jan.sends });
  });

  it('breaks a metric down by dimension and filters to one value', async () => {
    const a = expected(allSends, allOpens, between('2026-01-26', '2026-02-01'));
    const b = expected(allSends, allOpens, between('2026-02-02', '2026-02-08'));
    const byDomain = await compare('metric=sends&granularity=week&from=2026-02-02&to=2026-02-08&dimension=domain');
    expect(byDomain.body.breakdown.map((d) => [d.value, d.current, d.previous])).toEqual(
      expect.arrayContaining(['acme.com', 'beta.io', 'gamma.org', 'delta.net'].map((domain) => [domain, b.bySendDomain(domain), a.bySendDomain(domain)])),
    );
    const byRegion = await compare('metric=sends&granularity=week&from=2026-02-02&to=2026-02-08&dimension=region');
    const noRegion = byRegion.body.breakdown.find((d) => d.value === '(none)');
    expect(noRegion?.current).toBe(b.bySendDomain('delta.net'));
    const emea = await get<SeriesView>('/api/metrics/series?source=email_engagement&metric=sends&granularity=week&from=2026-01-26&to=2026-02-08&dimension=region&value=EMEA');
    const emeaSends = (week: Send[]) => week.filter((s) => regionOf(s.domain) === 'EMEA').length;
    expect(emea.body.points.map((p) => p.value)).toEqual([emeaSends(WEEK_A.sends), emeaSends(WEEK_B.sends)]);
  });

  it('exports the comparison as CSV', async () => {
    const response = await fetch(`${app.baseUrl}/api/metrics/compare.csv?source=email_engagement&metric=sends&granularity=week&from=2026-01-26&to=2026-02-08`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const b = expected(allSends, allOpens, between('2026-02-02', '2026-02-08'));
    const a = expected(allSends, allOpens, between('2026-01-26', '2026-02-01'));
    expect((await response.text()).trim().split('\n')).toEqual([
      'period,start,end,sends,previous_sends,change,change_pct',
      `2026-W05,2026-01-26,2026-02-01,${a.sends},0,${a.sends},`,
      `2026-W06,2026-02-02,2026-02-08,${b.sends},${a.sends},${b.sends - a.sends},${pct(b.sends, a.sends)}`,
    ]);
  });

  it('reruns a job from its stored inputs without counting it twice', async () => {
    const before = await compare('metric=sends&granularity=week&from=2026-02-02&to=2026-02-08');
    const response = await fetch(`${app.baseUrl}/api/jobs/${jobB.id}/rerun`, { method: 'POST' });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const rerun = await waitForStatus(app.baseUrl, jobId, [...DONE]);
    expect(rerun).toMatchObject({ status: 'processed', rerunOf: jobB.id, pipeline: 'email_engagement' });
    expect(rerun.files.map((f) => f.dataset)).toEqual(['email_opens', 'contacts', 'email_sends', 'accounts']);
    const after = await compare('metric=sends&granularity=week&from=2026-02-02&to=2026-02-08');
    expect(after.body.periods).toEqual(before.body.periods);
    // The rerun's rows replaced the original's: all of week B's rows are recorded under the original job.
    const contributors = await app.db.sql<{
      jobId: string;
    }>`SELECT DISTINCT "jobId"::text AS "jobId" FROM "MetricDaily" WHERE source = 'email_engagement' AND day >= '2026-02-02'::date`;
    expect(contributors.map((c) => c.jobId)).toEqual([jobB.id]);
    // A second rerun, of the rerun, still replaces the same contribution.
    const again = await fetch(`${app.baseUrl}/api/jobs/${jobId}/rerun`, { method: 'POST' });
    await waitForStatus(app.baseUrl, ((await again.json()) as { jobId: string }).jobId, [...DONE]);
    expect((await compare('metric=sends&granularity=week&from=2026-02-02&to=2026-02-08')).body.periods).toEqual(before.body.periods);
    expect((await getJob(app.baseUrl, jobB.id)).status).toBe('processed');
    expect(await periodCountsAgainstDailyKeys()).toEqual([]);
  });

  /** The period counts the triggers keep that differ from a count made now over the daily keys, either way. */
  async function periodCountsAgainstDailyKeys(): Promise<unknown[]> {
    return app.db.sql`
      WITH fresh AS (
        SELECT d."workspaceId", d.source, d.metric, d.dimension, g.granularity, d."dimensionValue", date_trunc(g.granularity, d.day::timestamp)::date AS period, count(DISTINCT k)::int AS "distinctCount"
        FROM "MetricDaily" AS d CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g (granularity) CROSS JOIN unnest(d."distinctKeys") AS k
        GROUP BY 1, 2, 3, 4, 5, 6, 7
      ), kept AS (SELECT "workspaceId", source, metric, dimension, granularity, "dimensionValue", period, "distinctCount" FROM "MetricPeriodDistinct")
      (SELECT 'missing' AS drift, * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) AS missing)
      UNION ALL (SELECT 'stale', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) AS stale)`;
  }

  it('counts the values of two jobs recording the same days at once, each value once', async () => {
    const source = `distinct_race_${randomUUID().slice(0, 8)}`;
    // One job's day of distinct keys, as recording writes it.
    const day = (sql: SqlQuery, keys: string[]) => sql`
      INSERT INTO "MetricDaily" ("workspaceId", source, "jobId", day, metric, dimension, "dimensionValue", sum, count, min, max, "distinctKeys")
      VALUES (${DEFAULT_WORKSPACE_ID}::uuid, ${source}, ${randomUUID()}::uuid, '2026-03-04'::date, 'users', '', '', 0, ${keys.length}, NULL, NULL, ${keys.map((k) => distinctKeyOf(k).toString())}::text[]::bigint[])`;
    let second: Promise<unknown> = Promise.resolve();
    await app.db.transaction(async (tx) => {
      await day(tx, ['a', 'b']);
      // A query runs once it is awaited or then'd: start it now, outside this transaction.
      second = day(app.db.sql, ['b', 'c']).then(() => undefined);
      // The second job's recount waits for this one to commit instead of counting without its keys.
      for (let waited = 0; ; waited += 20) {
        const [row] = await app.db.sql<{ waiting: number }>`
            SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
        if (row.waiting > 0) break;
        if (waited > 10_000) throw new Error('the second recording never waited for the first');
        await sleep(20);
      }
    }, 20_000);
    await second;
    const counts = await app.db.sql<{ granularity: string; period: Date; distinctCount: number }>`
      SELECT granularity, period, "distinctCount" FROM "MetricPeriodDistinct" WHERE source = ${source} ORDER BY granularity`;
    expect(counts.map((c) => [c.granularity, c.period.toISOString().slice(0, 10), c.distinctCount])).toEqual([
      ['day', '2026-03-04', 3],
      ['month', '2026-03-01', 3],
      ['week', '2026-03-02', 3],
    ]);
    await app.db.sql`DELETE FROM "MetricDaily" WHERE source = ${source}`;
    expect(await app.db.sql`SELECT 1 FROM "MetricPeriodDistinct" WHERE source = ${source}`).toEqual([]);
  });

  it('keys distinct values exactly as the migration of older history did in Postgres', async () => {
    const values = ['a@x.com', 'ZOË@Example.com', '', '東京', 'ffff'];
    for (const value of values) {
      const [row] = await app.db.sql<{ key: bigint }>`SELECT ('x' || left(md5(${value}), 16))::bit(64)::bigint AS key`;
      expect(BigInt(row.key)).toBe(distinctKeyOf(value));
    }
  });

  it('refuses bad parameters with 400 and a message', async () => {
    const message = async (query: string) => {
      const response = await get<{ message: string | string[] }>(`/api/metrics/compare?${query}`);
      expect(response.status).toBe(400);
      return ([] as string[]).concat(response.body.message).join('; ');
    };
    expect(await message('source=email_engagement&metric=sends&granularity=year')).toBe('granularity must be week or month');
    expect(await message('source=nope&metric=sends')).toMatch(/^Unknown source "nope": metrics exist for .*email_engagement/);
    expect(await message('source=email_engagement&metric=revenue')).toMatch(/^Unknown metric "revenue" of email_engagement \(known: sends, opened/);
    expect(await message('source=email_engagement&metric=sends&dimension=planet')).toBe(
      'Unknown dimension "planet" of email_engagement (known: domain, campaign, industry, region)',
    );
    expect(await message('source=email_engagement&metric=sends&from=2026-02-30')).toBe('from is not a calendar date: 2026-02-30');
    expect(await message('source=email_engagement&metric=sends&from=2026/01/01')).toBe('from must be a date written YYYY-MM-DD');
    expect(await message('source=email_engagement&metric=sends&from=2026-03-01&to=2026-02-01')).toBe('from (2026-03-01) is after to (2026-02-01)');
    expect(await message('source=email_engagement&metric=sends&tz=Europe/Berlin')).toMatch(/records its metrics in the days of UTC/);
    expect(await message('source=email_engagement&metric=sends&value=acme.com')).toBe('value filters a dimension: give dimension too');
    expect(await message('metric=sends')).toMatch(/source/);
  });

  it('refuses a pipeline upload it cannot read', async () => {
    const file = [{ name: 'sends.csv', content: sendsCsv(WEEK_A.sends.slice(0, 2)) }];
    const unknown = await upload(app.baseUrl, file, { pipeline: 'nope' });
    expect(unknown).toEqual({ status: 400, body: expect.objectContaining({ message: 'Unknown pipeline "nope" (known: email_engagement)' }) });
    const badTag = await upload(app.baseUrl, file, { pipeline: 'email_engagement', datasets: 'sensor_readings' });
    expect(badTag.body['message']).toBe('"datasets" names "sensor_readings", which is not in pipeline email_engagement (email_sends, email_opens, contacts, accounts)');
    const both = await upload(app.baseUrl, file, { pipeline: 'email_engagement', dataset: 'contacts' });
    expect(both.body['message']).toBe('Send either "dataset" or "pipeline", not both');
  });
});
