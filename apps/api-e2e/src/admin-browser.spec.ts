import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import type { Browser, Page } from 'playwright-core';

import { ADMIN_DIST, ARTIFACTS, assertAdminBuilt, openAdminBrowser } from './support/admin-browser';
import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';
import { inboxPrefix } from '@sluice/storage';

describe('admin console in Chromium against the real API and stack', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    receiver = await new WebhookReceiver().start();
    ({ browser, page, consoleErrors } = await openAdminBrowser());
  });

  afterAll(async () => {
    await receiver?.stop();
    await browser?.close();
    await app?.close();
  });

  it('uploads a sensor CSV, follows it to the processed job and shows its aggregations and invalid rows', async () => {
    const file = join(tmpdir(), 'boilers.csv');
    writeFileSync(file, 'sensor_id,timestamp,value\nboiler-1,2026-11-20T08:00:00Z,71.5\nboiler-2,2026-11-20T08:00:00Z,64\nboiler-2,2026-11-20T09:00:00Z,n/a\n');
    await page.goto(app.baseUrl);
    await page.getByRole('heading', { name: 'Upload CSV files' }).waitFor();
    await page.getByLabel('Files', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();

    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('.chip--partial').waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(ARTIFACTS, 'job-detail.png'), fullPage: true });
    expect(await page.locator('.per-sensor tbody tr').allInnerTexts()).toEqual(['boiler-1\t1', 'boiler-2\t1']);
    expect(await page.locator('.invalid-rows tbody tr').allInnerTexts()).toEqual(['boilers.csv\t4\tvalue "n/a" is not a number']);

    await page.getByRole('link', { name: '← All jobs' }).click();
    await page.locator('table.jobs').waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/`);
    await page.screenshot({ path: join(ARTIFACTS, 'jobs.png'), fullPage: true });
    expect(await page.locator('table.jobs tbody tr').first().innerText()).toMatch(/^partial\tsensor_readings\t1\t3\t2\t1\t/);
    expect(consoleErrors).toEqual([]);
  });

  it('shows the server refusal of a non-CSV file without leaving the page', async () => {
    const file = join(tmpdir(), 'notes.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 1)]));
    await page.goto(app.baseUrl);
    await page.getByLabel('Files', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('"notes.csv" is not a CSV file: its content looks like a PDF document');
    expect(page.url()).toBe(`${app.baseUrl}/`);
  });

  it('delivers to a webhook, shows live delivery progress and the failed list, and replays the failures', async () => {
    consoleErrors.length = 0;
    let broken = true;
    receiver.respond = (payload) => ({ status: broken && payload.recordIndex === 1 ? 422 : 200 });
    const file = join(tmpdir(), 'pumps.csv');
    writeFileSync(file, 'sensor_id,timestamp,value\npump-1,2026-11-20T08:00:00Z,1\npump-2,2026-11-20T08:00:00Z,2\npump-3,2026-11-20T08:00:00Z,3\n');
    await page.goto(app.baseUrl);
    await page.getByLabel('Files', { exact: true }).setInputFiles(file);
    await page.getByLabel('Then').selectOption('webhook');
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByLabel('Records per second').selectOption('unlimited');
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.locator('.webhook-test').innerText()).resolves.toMatch(/^Test delivery accepted: 200 in \d+ ms$/);
    await page.getByRole('button', { name: 'Upload' }).click();

    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('.delivery__state', { hasText: 'partial' }).waitFor({ timeout: 30000 });
    expect(await page.locator('.delivery__counts').innerText()).toBe('2 delivered · 1 failed · 0 pending of 3');
    await page.locator('.failed-deliveries tbody tr').first().waitFor();
    expect(await page.locator('.failed-deliveries tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^1\tmsg_[0-9a-f]{32}_1\t1\tHTTP 422$/)]);
    await page.screenshot({ path: join(ARTIFACTS, 'webhook-delivery.png'), fullPage: true });

    broken = false;
    await page.getByRole('button', { name: 'Retry 1 failed' }).click();
    await page.locator('.delivery__state', { hasText: /^delivered$/ }).waitFor({ timeout: 30000 });
    expect(await page.locator('.delivery__counts').innerText()).toBe('3 delivered · 0 failed · 0 pending of 3');
    expect(await page.locator('.failed-deliveries').count()).toBe(0);
    const records = receiver.acknowledged.filter((r) => r.payload.jobId !== 'test');
    expect(records.map((r) => r.payload.data['sensor_id']).sort()).toStrictEqual(['pump-1', 'pump-2', 'pump-3']);
    expect(consoleErrors).toEqual([]);
  });

  it('updates the jobs list live while a job runs, then opens it and downloads its result', async () => {
    consoleErrors.length = 0;
    await page.goto(app.baseUrl);
    await page.locator('table.jobs').waitFor();
    // Uploaded elsewhere (REST): only a pushed event can bring it to this page this soon (the fallback poll is 30 s).
    const created = await upload(app.baseUrl, [{ name: 'live.csv', content: 'sensor_id,timestamp,value\nlive-1,2026-11-20T08:00:00Z,5\n' }]);
    const jobId = created.body['jobId'] as string;
    const row = page.locator('table.jobs tbody tr', { has: page.locator(`a[href="/jobs/${jobId}"]`) });
    await row.locator('.chip--processed').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'jobs-live.png'), fullPage: true });

    await row.locator(`a[href="/jobs/${jobId}"]`).click();
    await page.waitForURL(`${app.baseUrl}/jobs/${jobId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download clean records' }).click()]);
    const saved = join(tmpdir(), `sluice-${jobId}.csv`);
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('sensor_id,timestamp,value\nlive-1,2026-11-20T08:00:00.000Z,5\n');
    expect(await page.locator('a.temporal-link').count()).toBe(0); // the test API has no Temporal UI address
    expect(consoleErrors).toEqual([]);
  });

  it('edits a mapping into a new version, shows the diff and restores the old one', async () => {
    consoleErrors.length = 0;
    await page.goto(`${app.baseUrl}/datasets`);
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.waitForURL(`${app.baseUrl}/datasets/company`);
    const before = await page.locator('h1 small').innerText();
    const synonyms = page.getByLabel('Synonyms of company_name');
    await synonyms.fill(`${await synonyms.inputValue()}, doing business as`);
    await synonyms.press('Tab');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    const saved = Number(before.slice(1)) + 1;
    await page.locator('.saved', { hasText: `Saved as version ${saved}` }).waitFor();
    expect(await page.locator('h1 small').innerText()).toBe(`v${saved}`);

    await page.getByRole('button', { name: `Diff v${saved - 1}` }).click();
    await page.locator('.diff__added', { hasText: '"doing business as"' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dataset-diff.png'), fullPage: true });
    await page.getByRole('button', { name: `Restore v${saved - 1}` }).click();
    await page.locator('.saved', { hasText: `Version ${saved - 1} restored as version ${saved + 1}` }).waitFor();
    expect(await page.getByLabel('Synonyms of company_name').inputValue()).not.toContain('doing business as');

    // A broken field name is refused with its path, and nothing is saved.
    await page.getByLabel('Name of field 1').fill('Company Name');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect(page.locator('.problems li').first().innerText()).resolves.toBe('fields.0.name must be lower_snake_case, starting with a letter');
    expect(await page.locator('h1 small').innerText()).toBe(`v${saved + 1}`);
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('creates a schedule, runs it now on a dropped file, shows its job and deletes it after confirmation', async () => {
    consoleErrors.length = 0;
    await page.goto(`${app.baseUrl}/schedules`);
    await page.getByLabel('Source', { exact: true }).selectOption('sensor_readings');
    await page.getByLabel('Id (optional)').fill('sensors-browser');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.locator('.saved', { hasText: `Schedule sensors-browser created: drop CSV files under ${inboxPrefix(DEFAULT_WORKSPACE_ID, 'sensor_readings')}` }).waitFor();
    const row = page.locator('table.schedules tbody tr', { hasText: 'sensors-browser' });
    expect(await row.locator('.schedule-state').innerText()).toBe('active');
    await page.getByRole('button', { name: 'Change timing of sensors-browser' }).click();
    await page.getByLabel('Cron of sensors-browser').fill('0 7 * * 2');
    await page.getByRole('button', { name: 'Save timing' }).click();
    await page.locator('.saved', { hasText: 'Schedule sensors-browser now runs at "0 7 * * 2" in UTC' }).waitFor();
    // Temporal computes the next run from the new timing: a Tuesday, 07:00 UTC.
    const [next] = (await app.temporal.schedule.getHandle('sensors-browser').describe()).info.nextActionTimes;
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 7, 0]);

    await app.store.put(`${inboxPrefix(DEFAULT_WORKSPACE_ID, 'sensor_readings')}boiler-room.csv`, Readable.from(['sensor_id,timestamp,value\nroom-1,2026-11-21T08:00:00Z,20\n']));
    await page.getByRole('button', { name: 'Run now: sensors-browser' }).click();
    // The job is pushed to the page as it changes; no reload.
    await row.locator('.chip--processed').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'schedules.png'), fullPage: true });
    expect(await row.locator('td').nth(5).innerText()).toBe('0');

    await page.getByRole('button', { name: 'Delete sensors-browser' }).click();
    await page.getByRole('button', { name: 'Confirm delete of sensors-browser' }).click();
    await page.locator('.saved', { hasText: 'Schedule sensors-browser deleted' }).waitFor();
    expect(await row.count()).toBe(0);
    await expect(app.temporal.schedule.getHandle('sensors-browser').describe()).rejects.toThrow();
    expect(consoleErrors).toEqual([]);
  });

  it("writes a pipeline as JSON, shows the API's problems, saves it for the upload form and deletes it", async () => {
    consoleErrors.length = 0;
    const definition = {
      name: 'browser_opens',
      label: 'Browser opens',
      base: 'email_sends',
      joins: [{ dataset: 'email_opens', type: 'left', on: [{ left: 'recipient_email', right: 'recipient' }], columns: [{ field: 'open_count', aggregate: 'sum' }] }],
    };
    await page.goto(`${app.baseUrl}/pipelines`);
    await page.getByRole('link', { name: 'New pipeline' }).click();
    await page.waitForURL(`${app.baseUrl}/pipelines/new`);
    const json = page.getByLabel('Definition (JSON)');
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#pipeline-json')?.value.includes('"my_pipeline"'));
    await json.fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.locator('.problems li').first().innerText()).resolves.toBe('joins.0.on.0.right names no field of email_opens ("recipient")');

    definition.joins[0].on[0].right = 'recipient_email';
    await json.fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${app.baseUrl}/pipelines/browser_opens`);
    await page.locator('.saved', { hasText: 'Saved browser_opens; the next job uses it' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'pipeline-editor.png'), fullPage: true });

    await page.goto(app.baseUrl);
    await page.locator('option[value="pipeline:browser_opens"]').waitFor({ state: 'attached' });

    await page.goto(`${app.baseUrl}/pipelines/browser_opens`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.waitForURL(`${app.baseUrl}/pipelines`);
    await page.locator('table.pipelines').waitFor();
    expect(await page.locator('table.pipelines a', { hasText: 'Browser opens' }).count()).toBe(0);
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('renders KPI cards and charts on the dashboard for recorded metrics', async () => {
    consoleErrors.length = 0;
    // June 2025: no other test records transactions then.
    const week = (day: number, amount: number) => `u${day},EMEA,gpt-x,100,${amount},2025-06-${String(day).padStart(2, '0')}T10:00:00Z`;
    const csv = ['user,region,model_name,token_count,cost,timestamp', week(2, 10), week(3, 5), week(9, 30)].join('\n');
    const created = await upload(app.baseUrl, [{ name: 'tx.csv', content: csv }], { dataset: 'transactions' });
    await waitForStatus(app.baseUrl, created.body['jobId'] as string, ['processed']);

    await page.goto(`${app.baseUrl}/dashboard?source=transactions`);
    await page.getByLabel('Metric').selectOption('revenue');
    // The default range (12 weeks up to the last recorded day) is drawn first; the chart must follow the change.
    await page.locator('ngx-charts-bar-vertical-2d svg path.bar').first().waitFor({ state: 'attached' });
    await page.getByLabel('From', { exact: true }).fill('2025-06-02');
    await page.getByLabel('To', { exact: true }).fill('2025-06-15');
    await page.getByLabel('To', { exact: true }).press('Tab');
    await page.locator('.kpi__label', { hasText: '2025-W24' }).waitFor();
    expect(await page.locator('.kpi__value').allInnerTexts()).toEqual(['30', '15', '+100.0 %']);
    expect(await page.locator('.kpi--up').count()).toBe(1);
    await page.locator('ngx-charts-line-chart svg path.line').first().waitFor();
    // Four bars once the chart has redrawn for the chosen days: each week and the one before it (the
    // first "before" is an empty week, drawn with no height).
    const bars = page.locator('ngx-charts-bar-vertical-2d svg path.bar');
    for (const deadline = Date.now() + 5000; (await bars.count()) !== 4 && Date.now() < deadline;) await page.waitForTimeout(100);
    expect(await bars.count()).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(await page.locator('table.periods tbody tr').allInnerTexts()).toEqual(['2025-W23\t15\t—\t—', '2025-W24\t30\t15\t+100.0 %']);

    // The address holds the view: opened again, it shows the same numbers.
    const address = `${app.baseUrl}/dashboard?source=transactions&metric=revenue&granularity=week&from=2025-06-02&to=2025-06-15`;
    expect(page.url()).toBe(address);
    await page.goto(address);
    await page.locator('.kpi__label', { hasText: '2025-W24' }).waitFor();
    expect(await page.locator('.kpi__value').allInnerTexts()).toEqual(['30', '15', '+100.0 %']);
    expect(consoleErrors).toEqual([]);
  });
});
