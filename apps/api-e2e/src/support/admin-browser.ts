import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, chromium, Page } from 'playwright-core';

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

/** Fails early, with the fix, when the admin build or Chromium is missing (npm test provides both). */
export function assertAdminBuilt(): void {
  if (!existsSync(join(ADMIN_DIST, 'index.html'))) throw new Error('Admin is not built: run "npx nx build admin" (npm test does it)');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: "apt-get install chromium" (npm test does it)`);
}

/** A page in headless Chromium that records console errors. */
export async function openAdminBrowser(): Promise<AdminBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  mkdirSync(ARTIFACTS, { recursive: true });
  return { browser, page, consoleErrors };
}
