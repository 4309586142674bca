import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_WORKSPACE_ID } from '@sluice/contracts';

import type { Browser, Page } from 'playwright-core';

import { ADMIN_DIST, ARTIFACTS, assertAdminBuilt, injectAxe, openAdminBrowser } from './support/admin-browser';
import { waitForStatus } from './support/api-client';
import { SluiceApp, startSluice } from './support/sluice-app';

const GAUGES = {
  label: 'Browser gauges',
  fields: [
    { name: 'gauge', type: 'string', required: true, synonyms: ['device id'] },
    { name: 'reading', type: 'decimal', required: true },
    { name: 'site', type: 'string', required: false },
  ],
};

describe('admin upload form: check the mapping, correct it, remember it, launch', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST });
    const created = await fetch(`${app.baseUrl}/api/datasets/browser_gauges`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(GAUGES) });
    if (created.status !== 200) throw new Error(`PUT browser_gauges: ${created.status} ${await created.text()}`);
    ({ browser, page, consoleErrors } = await openAdminBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const chooseFile = async (name: string, content: string) => {
    const file = join(tmpdir(), name);
    writeFileSync(file, content);
    await page.goto(app.baseUrl);
    await page.getByRole('heading', { name: 'Upload CSV files' }).waitFor();
    await page.locator('select[name="dataset"]').selectOption({ label: 'Browser gauges' });
    await page.getByLabel('Files', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Check mapping' }).click();
  };
  /** What axe-core finds wrong on the page as it stands (WCAG 2 A/AA and best practice, as admin-accessibility.spec checks every page). */
  const axeViolations = async () => {
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    return violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };
  const missing = () => page.locator('.missing-required');
  const row = (header: string) => page.locator('.mapping tbody tr', { has: page.locator('td', { hasText: new RegExp(`^${header}$`) }) });

  it('shows how the file would be read and mapped, takes a correction, saves it as a synonym and launches with it', async () => {
    await chooseFile('probes.csv', 'Probe,Reading,Site\np-1,1.5,north\np-2,2,south\n');
    await missing().filter({ hasText: 'Missing required fields: gauge' }).waitFor();
    expect(await page.locator('.reading__encoding').innerText()).toMatch(/^utf-8/);
    expect(await page.locator('.reading__dialect').innerText()).toMatch(/^comma/);
    expect(await page.getByLabel('Header line').inputValue()).toBe('1');
    expect(await page.locator('.preview-rows tbody tr').allInnerTexts()).toEqual(['1\tp-1\t1.5\tnorth', '2\tp-2\t2\tsouth']);
    expect(await row('Probe').locator('td').nth(2).innerText()).toBe('unmapped');

    await page.getByLabel('Field of column Probe').selectOption('gauge');
    await missing().filter({ hasText: 'Every required field has a column.' }).waitFor();
    expect(await row('Probe').locator('td').nth(2).innerText()).toBe('override');
    await row('Probe').getByRole('checkbox', { name: 'remember this header' }).check();
    await page.locator('.remembered', { hasText: '1 header will be saved as synonym' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'upload-mapping-check.png'), fullPage: true });
    expect(await axeViolations()).toEqual([]);

    const versionBefore = ((await (await fetch(`${app.baseUrl}/api/datasets/browser_gauges`)).json()) as { version: number }).version;
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split('/').at(-1) as string;
    const job = await waitForStatus(app.baseUrl, jobId, ['processed', 'partial', 'failed']);
    expect(job).toMatchObject({ status: 'processed', validRows: 2, datasetVersion: versionBefore + 1 });
    expect(await app.db.repositories.jobs.spec(DEFAULT_WORKSPACE_ID, jobId)).toMatchObject({ reading: { columnFields: { Probe: 'gauge' } } });
    const current = (await (await fetch(`${app.baseUrl}/api/datasets/browser_gauges`)).json()) as { version: number; definition: typeof GAUGES };
    expect(current.version).toBe(versionBefore + 1);
    expect(current.definition.fields[0].synonyms).toEqual(['device id', 'Probe']);
    await page.locator('.chip--processed').waitFor({ timeout: 30000 });
    expect(consoleErrors).toEqual([]);
  });

  it('maps the remembered header by itself in the next file', async () => {
    consoleErrors.length = 0;
    await chooseFile('probes-2.csv', 'Probe,Reading\np-3,4\n');
    await missing().filter({ hasText: 'Every required field has a column.' }).waitFor();
    expect(await row('Probe').locator('td').nth(2).innerText()).toBe('synonym');
    expect(await page.locator('.preview-rows tbody tr').allInnerTexts()).toEqual(['1\tp-3\t4']);
    expect(await page.locator('.remembered').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
