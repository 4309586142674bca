import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { ADMIN_DIST, ARTIFACTS, assertAdminBuilt, injectAxe, openAdminBrowser } from './support/admin-browser';
import { upload, waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every page of the admin, with what shows it has loaded its data, and what to do there first. */
const PAGES: { name?: string; path: (jobId: string) => string; ready: string; prepare?: (page: Page) => Promise<unknown> }[] = [
  { path: () => '/', ready: 'table.jobs tbody tr' },
  { name: '/ in webhook mode', path: () => '/', ready: 'table.jobs tbody tr', prepare: (page) => page.getByLabel('Then').selectOption('webhook') },
  { path: (jobId) => `/jobs/${jobId}`, ready: '.invalid-rows tbody tr' },
  { path: () => '/dashboard?source=transactions', ready: 'ngx-charts-line-chart svg' },
  { path: () => '/datasets', ready: 'table.datasets tbody tr' },
  { path: () => '/datasets/people', ready: 'form.editor' },
  { path: () => '/pipelines', ready: 'table.pipelines tbody tr' },
  { path: () => '/pipelines/email_engagement', ready: '.join-line' },
  { path: () => '/pipelines/new', ready: '.join-line' },
  { path: () => '/schedules', ready: 'table.schedules tbody tr' },
  { path: () => '/storage', ready: 'table.storage' },
];

/** The admin's pages checked with axe-core (WCAG 2.x A and AA, and best practices) in Chromium, with real data. */
describe('admin console accessibility', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  let jobId = '';

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST });
    ({ browser, page, consoleErrors } = await openAdminBrowser());
    // Charts fade in; contrast is judged on what a reader who asked for no motion sees at once.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const sensors = await upload(app.baseUrl, [{ name: 'a11y.csv', content: 'sensor_id,timestamp,value\na11y-1,2026-11-20T08:00:00Z,1\na11y-2,2026-11-20T08:00:00Z,n/a\n' }]);
    jobId = sensors.body['jobId'] as string;
    await waitForStatus(app.baseUrl, jobId, ['partial']);
    const transactions = await upload(app.baseUrl, [{ name: 'tx.csv', content: 'user,region,model_name,token_count,cost,timestamp\nu1,EMEA,gpt-x,100,3,2025-07-01T10:00:00Z\n' }], {
      dataset: 'transactions',
    });
    await waitForStatus(app.baseUrl, transactions.body['jobId'] as string, ['processed']);
    const schedule = await fetch(`${app.baseUrl}/api/schedules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'people', id: 'a11y-people', paused: true }),
    });
    expect(schedule.status).toBe(201);
  });

  afterAll(async () => {
    if (app) await fetch(`${app.baseUrl}/api/schedules/a11y-people`, { method: 'DELETE' });
    await browser?.close();
    await app?.close();
  });

  it.each(PAGES.map((p) => [p.name ?? p.path('<job>'), p] as const))('%s has no accessibility violations', async (name, { path, ready, prepare }) => {
    consoleErrors.length = 0;
    await page.goto(`${app.baseUrl}${path(jobId)}`);
    await page.locator(ready).first().waitFor({ state: 'attached' });
    await prepare?.(page);
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    if (violations.length) await page.screenshot({ path: join(ARTIFACTS, `a11y-${name.replace(/[^a-z]+/g, '-')}.png`), fullPage: true });
    expect(violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  /** Presses Tab until the focused element has this text or name attribute; fails if it is never reached. */
  async function tabTo(target: string): Promise<void> {
    for (let presses = 0; presses < 250; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return { text: element?.textContent?.trim() ?? '', name: element?.getAttribute('name') ?? '' };
      });
      if (focused.text === target || focused.name === target) return;
    }
    throw new Error(`Tab never reached "${target}"`);
  }

  it('works from the keyboard alone: the main menu, a link in a table and a form', async () => {
    consoleErrors.length = 0;
    await page.goto(`${app.baseUrl}/`);
    await page.locator('table.jobs tbody tr').first().waitFor();
    await tabTo('Datasets');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.baseUrl}/datasets`);
    await page.locator('table.datasets tbody tr').first().waitFor();
    await tabTo('People');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.baseUrl}/datasets/people`);
    await page.locator('form.editor').waitFor();
    await tabTo('previewHeaders');
    await page.keyboard.type('E-mail, Full Name');
    await page.keyboard.press('Enter');
    const previewRows = page.locator('table.preview tbody tr');
    // The preview is the API's answer: wait for it rather than read the table at once.
    await previewRows.filter({ hasText: 'Full Name' }).waitFor();
    expect(await previewRows.allInnerTexts()).toEqual([expect.stringMatching(/^E-mail\temail\t/), expect.stringMatching(/^Full Name\tfull_name\t/)]);
    expect(consoleErrors).toEqual([]);
  });
});
