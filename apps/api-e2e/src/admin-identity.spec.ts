import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { ADMIN_DIST, ARTIFACTS, assertAdminBuilt, openAdminBrowser } from './support/admin-browser';
import { SluiceApp, startSluice } from './support/sluice-app';

/** A one-time link for a new user, as people get theirs: an owner adds them (here as an owner of the default workspace). */
async function issueSignInLink(app: SluiceApp, email: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, role: 'owner' }) });
  if (response.status !== 201) throw new Error(`Adding ${email}: ${response.status} ${await response.text()}`);
  const { signInLink } = (await response.json()) as { signInLink: string | null };
  if (!signInLink) throw new Error(`No sign-in link for ${email}`);
  return signInLink;
}

interface Uploaded {
  jobId: string;
}

/** One CSV job uploaded with an API token, as automation would: Bearer only, so no cookie and no CSRF token. */
async function uploadWithToken(baseUrl: string, token: string, name: string, content: string): Promise<Uploaded> {
  const form = new FormData();
  form.append('dataset', 'sensor_readings');
  form.append('files', new Blob([content]), name);
  const response = await fetch(`${baseUrl}/api/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 202) throw new Error(`Upload with a token: ${response.status} ${await response.text()}`);
  return (await response.json()) as Uploaded;
}

/** What the page shows, including what inputs hold (a secret in a field is not in the HTML). */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input'), (input) => input.value)].join('\n'));
}

/** The workspace the header's switcher shows as current, e.g. "Default (owner)". */
function currentWorkspace(page: Page) {
  return page.locator('.workspace-switcher option:checked').innerText();
}

describe('admin sign-in, tokens and workspaces in Chromium', () => {
  let app: SluiceApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  const email = `journey-${randomUUID().slice(0, 8)}@example.com`;
  const password = `correct horse ${randomUUID()}`;
  let homeWorkspace = '';
  const tokens: Record<'home' | 'second', string> = { home: '', second: '' };

  beforeAll(async () => {
    assertAdminBuilt();
    app = await startSluice({ ADMIN_DIST });
    ({ browser, page, consoleErrors } = await openAdminBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Creates a token on /tokens and returns it as the once-only panel shows it. */
  async function createToken(name: string): Promise<string> {
    await page.getByRole('link', { name: 'Tokens', exact: true }).click();
    await page.waitForURL(`${app.baseUrl}/tokens`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Scope').selectOption('write');
    await page.getByLabel('Expires after (days)').fill('1');
    await page.getByRole('button', { name: 'Create token' }).click();
    const panel = page.getByRole('region', { name: `Token ${name}` });
    await panel.waitFor();
    expect(await panel.innerText()).toContain('you will not see it again');
    const token = await panel.getByRole('textbox').inputValue();
    expect(token).toMatch(/^slu_[A-Za-z0-9_-]{43}$/);
    const row = page.locator('table.tokens tbody tr', { hasText: name });
    expect(await row.innerText()).toContain(`${token.slice(0, 12)}…`);
    expect(await page.locator('table.tokens').innerText()).not.toContain(token);
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await shownText(page)).not.toContain(token);
    return token;
  }

  it('signs in with a one-time link, sets a password, and removes the secret from the address bar', async () => {
    const link = new URL(await issueSignInLink(app, email));
    expect(link.hash).toMatch(/^#link=/);
    await page.goto(`${app.baseUrl}/sign-in${link.hash}`);
    await page.waitForURL(`${app.baseUrl}/`);
    await page.locator('.shell__user', { hasText: email }).waitFor();
    homeWorkspace = await currentWorkspace(page);
    expect(homeWorkspace).toMatch(/\(owner\)$/);

    await page.getByRole('link', { name: `Account of ${email}` }).click();
    await page.getByRole('heading', { name: 'Set a password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('New password again').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.locator('.saved', { hasText: 'Password set' }).waitFor();

    // The link worked once: a second visit is refused with the API's words.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.baseUrl}/sign-in`);
    await page.goto(`${app.baseUrl}/sign-in${link.hash}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Ask for a new link/);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('asks for sign-in before any page, refuses a wrong password, then signs in with email and password and returns there', async () => {
    consoleErrors.length = 0;
    await page.goto(`${app.baseUrl}/tokens`);
    await page.waitForURL(`${app.baseUrl}/sign-in?next=%2Ftokens`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.baseUrl}/tokens`);
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'tokens.png'), fullPage: true });
    // The refused sign-in is the only failed request: Chromium logs it as a console error.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('creates a token and shows it once', async () => {
    consoleErrors.length = 0;
    tokens.home = await createToken('journey home');
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'Tokens', exact: true }).click();
    await page.locator('table.tokens tbody tr', { hasText: 'journey home' }).waitFor();
    expect(await page.getByRole('region', { name: 'Token journey home' }).count()).toBe(0);
    expect(await shownText(page)).not.toContain(tokens.home);
    expect(consoleErrors).toEqual([]);
  });

  it('creates a second workspace, switches between them and sees only the jobs of the current one', async () => {
    consoleErrors.length = 0;
    await page.locator('summary', { hasText: 'New workspace' }).click();
    await page.getByLabel('Name of the new workspace').fill('Journey second');
    // Creating goes into the new workspace with a full page load.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Create workspace' }).click()]);
    await page.locator('.workspace-switcher option:checked', { hasText: 'Journey second (owner)' }).waitFor({ state: 'attached' });
    tokens.second = await createToken('journey second');

    const home = await uploadWithToken(app.baseUrl, tokens.home, 'home.csv', 'sensor_id,timestamp,value\nhome-1,2026-11-20T08:00:00Z,1\n');
    const second = await uploadWithToken(app.baseUrl, tokens.second, 'second.csv', 'sensor_id,timestamp,value\nsecond-1,2026-11-20T08:00:00Z,2\n');
    // A token acts in its own workspace only: the other workspace's job is as missing as an unknown id.
    const crossed = await fetch(`${app.baseUrl}/api/jobs/${second.jobId}`, { headers: { authorization: `Bearer ${tokens.home}` } });
    expect(crossed.status).toBe(404);

    const jobLink = (jobId: string) => page.locator(`table.jobs a[href="/jobs/${jobId}"]`);
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await jobLink(second.jobId).waitFor();
    expect(await jobLink(home.jobId).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'second-workspace-jobs.png'), fullPage: true });

    await Promise.all([page.waitForEvent('load'), page.getByLabel('Workspace', { exact: true }).selectOption({ label: homeWorkspace })]);
    expect(await currentWorkspace(page)).toBe(homeWorkspace);
    await jobLink(home.jobId).waitFor();
    expect(await jobLink(second.jobId).count()).toBe(0);

    // A job's page of the old workspace becomes the jobs list of the new one.
    await jobLink(home.jobId).click();
    await page.waitForURL(`${app.baseUrl}/jobs/${home.jobId}`);
    await Promise.all([page.waitForEvent('load'), page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Journey second (owner)' })]);
    expect(page.url()).toBe(`${app.baseUrl}/`);
    await jobLink(second.jobId).waitFor();
    expect(await jobLink(home.jobId).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
