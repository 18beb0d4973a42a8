import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** The system Chromium (`npx playwright install` is never used: there may be no internet). */
export const CHROMIUM_PATH = process.env.HERALD_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the e2e suites cannot run here, or undefined when they can. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `no Chromium at ${CHROMIUM_PATH} (set HERALD_CHROMIUM_PATH)`;

/** Starts headless Chromium, quiet: no background networking, updates, sync or first-run UI. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Declares a suite that runs in Chromium, sharing one browser; where there is no Chromium it is
 * skipped with a one-line reason instead of failing. The body gets a getter for the browser.
 *
 * @example
 * describeInChromium('snippet', (browser) => {
 *   it('loads', async () => { const page = await browser().newPage(); … });
 * });
 */
export function describeInChromium(title: string, body: (browser: () => Browser) => void): void {
  if (chromiumMissing) {
    describe.skip(`${title}: skipped, ${chromiumMissing}`, () => body(() => undefined as never));
    return;
  }
  // One retry: on a loaded two-core machine a browser now and then misses a deadline that it
  // meets alone; a real fault fails both tries, and the report names the retried test.
  describe(title, { timeout: 60_000, retry: 1 }, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    body(() => {
      if (!browser) throw new Error('Chromium not started');
      return browser;
    });
  });
}
