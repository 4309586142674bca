import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import { ADMIN_DIST, ARTIFACTS, assertAdminBuilt, injectAxe, openAdminBrowser } from './support/admin-browser';
import { SluiceApp, startSluice } from './support/sluice-app';

/** A CRM export and an event list of the same people: Jane and John are in both, Ann and Bob in one each. */
const CRM = [
  'First Name,Last Name,Email,Job Title,Company Website,Location',
  'jane,doe,jane@acme.com,,https://www.acme.com,London',
  'john,roe,john@beta.io,CTO,beta.io,',
  'ann,lee,ann@gamma.org,CEO,gamma.org,Paris',
];
const EVENT = ['fname,surname,E-mail Address,Position', 'Jane,Doe,JANE@ACME.COM,VP Sales', 'John,Roe,john@beta.io,', 'Bob,Ray,bob@delta.net,CFO'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The review of one job's merges, from the admin's job page, in Chromium against the real API, worker and stack. */
describe('admin merge review in Chromium', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  let jobId = '';

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST });
    ({ browser, page, consoleErrors } = await openAdminBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The review's group holding this email (in any of its cells). */
  const groupWith = (email: string): Locator => page.getByRole('article').filter({ has: page.locator('td', { hasText: email }) });

  /** Records in the job's clean CSV: the output version the API serves now. */
  async function cleanRecords(): Promise<string[]> {
    const response = await fetch(`${app.baseUrl}/api/jobs/${jobId}/download`);
    expect(response.status).toBe(200);
    return (await response.text()).trim().split('\n').slice(1);
  }

  /** Waits for the page to say the rebuilt output is ready; the rebuild is a workflow, so this takes seconds. */
  async function rebuilt(version: number): Promise<void> {
    await page.locator('.merge-review__status .saved', { hasText: `Output version ${version} is ready.` }).waitFor({ timeout: 60_000 });
    await page.locator('.merge-review__summary', { hasText: `output version ${version} ·` }).waitFor();
  }

  /** While a rebuild runs the API may answer 409 to a read; Chromium logs every failed request. */
  const unexpectedErrors = () => consoleErrors.filter((error) => !error.includes('409'));

  it('uploads two people files with a duplicate, opens the review from the job, and shows a group with its two records beside the survivor', async () => {
    const crm = join(tmpdir(), 'crm.csv');
    const event = join(tmpdir(), 'event.csv');
    writeFileSync(crm, `${CRM.join('\n')}\n`);
    writeFileSync(event, `${EVENT.join('\n')}\n`);
    await page.goto(app.baseUrl);
    await page.getByLabel('Files', { exact: true }).setInputFiles([crm, event]);
    await page.locator('select[name="dataset"]').selectOption('dataset:people');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    jobId = page.url().split('/').at(-1) ?? '';
    await page.locator('.chip--processed').waitFor({ timeout: 60_000 });

    // Jane and John are each merged from two records: 6 in, 4 out.
    expect(await page.locator('.merge').innerText()).toMatch(/^6 records → 4 \(2 duplicates removed/);
    await page.getByRole('link', { name: 'Review merges (2 groups, 0 flagged)' }).click();
    await page.waitForURL(`${app.baseUrl}/jobs/${jobId}/merges`);
    await page.getByRole('heading', { name: 'Review merges' }).waitFor();
    expect(await page.locator('.merge-review__summary').innerText()).toBe('people · output version 1 · 6 records → 4 · 2 groups, 0 flagged');
    // The groups come from their own request, after the job's summary.
    await page.getByRole('article').first().waitFor();
    expect(await page.getByRole('article').count()).toBe(2);

    const jane = groupWith('jane@acme.com');
    expect(await jane.getByRole('heading').innerText()).toMatch(/^Group .+ · 2 records$/);
    const headers = await jane.locator('thead th').allInnerTexts();
    expect(headers.slice(0, 2)).toEqual(['Field', 'Survivor (output)']);
    expect(headers.slice(2).sort()).toEqual(['crm.csv line 2', 'event.csv line 2']);
    // The survivor holds the event list's title and the CRM's location; each came from one record, marked there.
    const row = (field: string) => jane.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^\\s*${field}\\b`) }) });
    expect(await row('job_title').locator('td.merge-group__survivor').innerText()).toBe('VP Sales');
    expect(await row('person_location').locator('td.merge-group__survivor').innerText()).toBe('London');
    expect(await row('person_location').locator('td.merge-group__cell--contributed').count()).toBe(1);
    expect(await jane.locator('.merge-group__evidence td').allInnerTexts()).toEqual(expect.arrayContaining(['—', 'First record of the group']));
    await page.screenshot({ path: join(ARTIFACTS, 'merge-review.png'), fullPage: true });

    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    expect(violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('splits a record out of its group, shows the rebuilt output version with one more record that stands alone, and lists the correction', async () => {
    consoleErrors.length = 0;
    const jane = groupWith('jane@acme.com');
    await jane.getByRole('checkbox', { name: 'Select crm.csv line 2' }).check();
    await jane.getByRole('button', { name: 'Split into a new group' }).click();
    await rebuilt(2);

    expect(await page.locator('.merge-review__summary').innerText()).toBe('people · output version 2 · 6 records → 5 · 1 group, 0 flagged');
    expect(await page.getByRole('article').count()).toBe(1);
    expect(await groupWith('jane@acme.com').count()).toBe(0);
    expect(await page.locator('table.corrections tbody tr td:nth-child(3)').allInnerTexts()).toEqual(['Split crm.csv line 2 out to stand alone']);
    const records = await cleanRecords();
    expect(records).toHaveLength(5);
    expect(records.filter((record) => record.includes('jane@acme.com'))).toHaveLength(2);
    await page.screenshot({ path: join(ARTIFACTS, 'merge-review-split.png'), fullPage: true });

    // The job page says which output version it serves, and still leads back here.
    await page.getByRole('link', { name: `← Job ${jobId}` }).click();
    await page.locator('.output-version', { hasText: 'output version 2' }).waitFor();
    await page.getByRole('link', { name: 'Review merges (1 group, 0 flagged)' }).click();
    await page.waitForURL(`${app.baseUrl}/jobs/${jobId}/merges`);
    await page.locator('table.corrections').waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('shows a viewer the groups and corrections without any action', async () => {
    const viewer = await app.createMember(app.owner.signedIn.session.workspace.id, 'viewer');
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    try {
      await context.addCookies(
        viewer.cookie
          .split('; ')
          .filter((pair) => pair.indexOf('=') > 0)
          .map((pair) => {
            const eq = pair.indexOf('=');
            return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: app.baseUrl, httpOnly: pair.startsWith('sluice_session='), sameSite: 'Lax' as const };
          }),
      );
      const viewerPage = await context.newPage();
      await viewerPage.goto(`${app.baseUrl}/jobs/${jobId}/merges`);
      await viewerPage.locator('table.corrections').waitFor();
      await viewerPage.getByRole('article').first().waitFor();
      expect(await viewerPage.locator('.read-only').innerText()).toContain('correcting merges needs the editor or owner role');
      expect(await viewerPage.getByRole('article').getByRole('checkbox').count()).toBe(0);
      expect(await viewerPage.getByRole('button', { name: /Split|Join|Undo/ }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('undoes the split: the next output version has the group again', async () => {
    consoleErrors.length = 0;
    await page.getByRole('button', { name: 'Undo: Split crm.csv line 2 out to stand alone' }).click();
    await rebuilt(3);
    expect(await page.locator('.merge-review__summary').innerText()).toBe('people · output version 3 · 6 records → 4 · 2 groups, 0 flagged');
    await groupWith('jane@acme.com').waitFor();
    expect(await page.locator('section[aria-labelledby="corrections-title"] .empty').innerText()).toBe('No corrections yet.');
    expect(await cleanRecords()).toHaveLength(4);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('joins two groups into one, then undoes that too', async () => {
    consoleErrors.length = 0;
    await groupWith('jane@acme.com')
      .getByRole('checkbox', { name: /^Select group .+ to join$/ })
      .check();
    await groupWith('john@beta.io')
      .getByRole('checkbox', { name: /^Select group .+ to join$/ })
      .check();
    await page.getByRole('button', { name: 'Join groups' }).click();
    await rebuilt(4);
    expect(await page.locator('.merge-review__summary').innerText()).toBe('people · output version 4 · 6 records → 3 · 1 group, 0 flagged');
    expect(await page.getByRole('article').getByRole('heading').allInnerTexts()).toEqual([expect.stringMatching(/ · 4 records$/)]);
    expect(await page.locator('table.corrections tbody tr td:nth-child(3)').allInnerTexts()).toEqual([
      expect.stringMatching(/^Joined the groups of (crm|event)\.csv line \d and (crm|event)\.csv line \d$/),
    ]);
    expect(await cleanRecords()).toHaveLength(3);

    await page.getByRole('button', { name: /^Undo: Joined the groups of/ }).click();
    await rebuilt(5);
    expect(await page.getByRole('article').count()).toBe(2);
    expect(await cleanRecords()).toHaveLength(4);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('says why a correction is refused while another one is being rebuilt, in the API’s words', async () => {
    consoleErrors.length = 0;
    // Another reviewer splits John's CRM record over REST; until that rebuild is done the API refuses the next correction (409).
    const other = await fetch(`${app.baseUrl}/api/jobs/${jobId}/merges/corrections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'split', records: [{ file: 0, line: 3 }] }),
    });
    expect(other.status).toBe(202);
    const jane = groupWith('jane@acme.com');
    await jane.getByRole('checkbox', { name: 'Select crm.csv line 2' }).check();
    await jane.getByRole('button', { name: 'Split into a new group' }).click();
    const refusal = await page.locator('.merge-review__error').innerText();
    expect(refusal).not.toMatch(/^(Request failed|Something went wrong)/);
    expect(refusal.length).toBeGreaterThan(10);

    // The other rebuild reaches the page by itself (the job's pushed change), and its correction can be undone here.
    await page.locator('.merge-review__summary', { hasText: 'output version 6 · 6 records → 5 · 1 group' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Undo: Split crm.csv line 3 out to stand alone' }).click();
    await rebuilt(7);
    expect(await page.locator('.merge-review__error').count()).toBe(0);
    expect(await page.getByRole('article').count()).toBe(2);
    expect(unexpectedErrors()).toEqual([]);
  });
});
