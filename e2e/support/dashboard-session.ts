import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestServer } from '../../packages/server/src/test-support/server.js';

/** A wait for something to happen in the dashboard, never a timed assertion. */
export const WAIT = { timeout: 20_000 };

export interface DashboardSession {
  /** The one page of the suite, at 1280 × 900. */
  page: () => Page;
  /** Console errors and page errors seen so far: a suite ends expecting none. */
  problems: string[];
  url(path: string): string;
  /** Creates the first admin account on a fresh server, which signs in. */
  signUp(): Promise<void>;
}

/**
 * One browser page on the dashboard of `server` for a suite of tests that follow each other, as
 * a person going from screen to screen would.
 *
 * @example
 * const server = useTestServer('sqlite');
 * const dashboard = useDashboardSession(browser, server);
 * it('signs in', () => dashboard.signUp());
 */
export function useDashboardSession(
  browser: () => Browser,
  server: () => TestServer,
): DashboardSession {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const problems: string[] = [];
  beforeAll(async () => {
    context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  });
  afterAll(async () => {
    await context?.close();
  });
  const session: DashboardSession = {
    page: () => page!,
    problems,
    url: (path) => `${server().url}${path}`,
    async signUp() {
      const p = page!;
      await p.goto(session.url('/'));
      await p.getByRole('heading', { name: 'Create the admin account' }).waitFor();
      await p.getByLabel('Email').fill('owner@example.com');
      await p.getByLabel('Password', { exact: true }).fill('a long enough password');
      await p.getByLabel('Confirm password').fill('a long enough password');
      await p.getByRole('button', { name: 'Create account and continue' }).click();
      await p.waitForURL(/\/w\//, WAIT);
    },
  };
  return session;
}
