import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, chromium, Page } from 'playwright-core';

import { sessionCookies } from './credentials';

const ROOT = join(__dirname, '../../../..');
export const ADMIN_DIST = join(ROOT, 'dist/apps/admin/browser');
export const ARTIFACTS = join(ROOT, 'test-artifacts/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface AdminBrowser {
  browser: Browser;
  page: Page;
  /** Errors the page logged to its console; tests clear it and expect it empty. */
  consoleErrors: string[];
}

/**
 * Loads axe-core into the page. Evaluated through DevTools rather than added as a <script>: the admin's
 * Content-Security-Policy (rightly) blocks the inline script Playwright's addScriptTag makes.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
}

/** Fails early, with the fix, when the admin build or Chromium is missing (npm test provides both). */
export function assertAdminBuilt(): void {
  if (!existsSync(join(ADMIN_DIST, 'index.html'))) throw new Error('Admin is not built: run "npx nx build admin" (npm test does it)');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: "apt-get install chromium" (npm test does it)`);
}

/** A page in headless Chromium that records console errors, signed in (the owner's session cookie) to every app started. */
export async function openAdminBrowser(): Promise<AdminBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.addCookies(
    sessionCookies().flatMap(({ origin, cookie }) =>
      cookie
        .split('; ')
        .filter((pair) => pair.indexOf('=') > 0)
        .map((pair) => {
          const eq = pair.indexOf('=');
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: origin, httpOnly: pair.startsWith('sluice_session='), sameSite: 'Lax' as const };
        }),
    ),
  );
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  mkdirSync(ARTIFACTS, { recursive: true });
  return { browser, page, consoleErrors };
}
