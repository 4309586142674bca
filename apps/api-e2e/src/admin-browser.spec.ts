import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Browser, chromium, Page } from 'playwright-core';

import { SluiceApp, startSluice } from './support/sluice-app';
import { WebhookReceiver } from './support/webhook-receiver';

const ROOT = join(__dirname, '../../..');
const ADMIN_DIST = join(ROOT, 'dist/apps/admin/browser');
const ARTIFACTS = join(ROOT, 'test-artifacts/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('admin console in Chromium against the real API and stack', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ADMIN_DIST, 'index.html'))) throw new Error('Admin is not built: run "npx nx build admin" (npm test does it)');
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: "apt-get install chromium" (npm test does it)`);
    app = await startSluice({ ADMIN_DIST, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
    receiver = await new WebhookReceiver().start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await receiver?.stop();
    await browser?.close();
    await app?.close();
  });

  it('uploads a sensor CSV, follows it to the processed job and shows its aggregations and invalid rows', async () => {
    const file = join(tmpdir(), 'boilers.csv');
    writeFileSync(
      file,
      'sensor_id,timestamp,value\nboiler-1,2026-11-20T08:00:00Z,71.5\nboiler-2,2026-11-20T08:00:00Z,64\nboiler-2,2026-11-20T09:00:00Z,n/a\n',
    );
    await page.goto(app.baseUrl);
    await page.getByRole('heading', { name: 'Upload CSV files' }).waitFor();
    await page.getByLabel('Files', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();

    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('.chip--partial').waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(ARTIFACTS, 'job-detail.png'), fullPage: true });
    expect(await page.locator('.per-sensor tbody tr').allInnerTexts()).toEqual(['boiler-1\t1', 'boiler-2\t1']);
    expect(await page.locator('.invalid-rows tbody tr').allInnerTexts()).toEqual(['4\tvalue "n/a" is not a number']);

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
});
