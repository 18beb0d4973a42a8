import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { SNIPPET_HOST, SNIPPET_SETUP } from '../../packages/sdk/build.mjs';
import type { Herald } from '../../packages/sdk/src/index.js';
import {
  type TestServer,
  type TestWorkspace,
  useTestServer,
} from '../../packages/server/src/test-support/server.js';
import { startSite, type TestSite } from './site.js';

// The browser SDK as sites use it: host pages on their own origin (a second HTTP server) load
// the snippet or herald.js from a real Herald server, in headless Chromium; what arrived is read
// back through the admin API. No part of Herald is mocked.

declare global {
  interface Window {
    herald: Herald & { load(writeKey: string, options?: object): void };
  }
}

/** An event as the admin API's activity log shows it. */
export interface StoredEvent {
  type: string;
  event?: string;
  name?: string;
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** How long to wait for events to arrive: a wait, never a timed assertion. */
export const POLL = { timeout: 30_000, interval: 250 };

export interface SdkHarness {
  server: () => TestServer;
  /** The customer's site, on its own origin. */
  site: TestSite;
  workspace: TestWorkspace;
  /** The browser profile of the latest `newPage()`. */
  context: BrowserContext;
  /** `workspace.writeKey` as a JavaScript string literal, for page code. */
  key: string;
  /** A page in a fresh browser profile (its own localStorage and cookies). */
  newPage(): Promise<Page>;
  /** dist/snippet.min.js as the README shows it, for this server, with `setup` as its calls. */
  snippet(setup: string): string;
  html(head: string): string;
  /** Serves a page with the snippet, whose setup is `setup`; answers its URL. */
  snippetPage(path: string, setup: string): string;
  /** The visitor's anonymous ID, once herald.js has loaded (failing fast when it never does). */
  anonymousIdIn(page: Page): Promise<string>;
  /** The messageIds waiting in the page's localStorage queues. */
  queuedIn(page: Page): Promise<string[]>;
  /** What the server stored for an anonymous visitor, oldest first. */
  ofVisitor(anonymousId: string): Promise<StoredEvent[]>;
  ofPerson(userId: string): Promise<StoredEvent[]>;
  /** Waits until the visitor has at least `count` stored events; answers them, oldest first. */
  arrived(anonymousId: string, count: number): Promise<StoredEvent[]>;
}

/**
 * A Herald server on SQLite, a workspace and a site for one suite of SDK tests; call it inside
 * `describeInChromium`.
 *
 * @example
 * describeInChromium('sdk', (browser) => {
 *   const h = useSdkHarness(browser);
 *   it('records', async () => { const page = await h.newPage(); … });
 * });
 */
export function useSdkHarness(browser: () => Browser): SdkHarness {
  const server = useTestServer('sqlite');
  const activity = async (path: string): Promise<StoredEvent[]> => {
    const { status, body } = await server().admin(
      'GET',
      `/workspaces/${h.workspace.id}${path}/activity?limit=500`,
    );
    return status === 200 ? (body.data as StoredEvent[]).reverse() : [];
  };

  const h: SdkHarness = {
    server,
    site: undefined as never,
    workspace: undefined as never,
    context: undefined as never,
    key: '',
    async newPage() {
      h.context = await browser().newContext();
      const page = await h.context.newPage();
      page.on('pageerror', (error) => {
        throw new Error(`page error: ${error.message}`);
      });
      return page;
    },
    snippet(setup) {
      const url = new URL('../../packages/sdk/dist/snippet.min.js', import.meta.url);
      const text = readFileSync(url, 'utf8');
      expect(text).toContain(SNIPPET_HOST);
      expect(text).toContain(SNIPPET_SETUP);
      return text.replace(SNIPPET_HOST, server().url).replace(SNIPPET_SETUP, setup);
    },
    html: (head) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${head}</head>` +
      '<body><h1>Shop</h1></body></html>',
    snippetPage: (path, setup) => h.site.page(path, h.html(`<script>${h.snippet(setup)}</script>`)),
    async anonymousIdIn(page) {
      await page.waitForFunction(() => window.herald && !Array.isArray(window.herald), null, {
        timeout: 20_000,
      });
      return page.evaluate(() => window.herald.user().anonymousId!);
    },
    queuedIn: (page) =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('herald_queue:'))
          .flatMap(
            (key) => (JSON.parse(localStorage.getItem(key)!) as { e: { messageId: string }[] }).e,
          )
          .map((event) => event.messageId),
      ),
    ofVisitor: (anonymousId) => activity(`/anonymous/${encodeURIComponent(anonymousId)}`),
    ofPerson: (userId) => activity(`/people/${encodeURIComponent(userId)}`),
    async arrived(anonymousId, count) {
      await expect
        .poll(async () => (await h.ofVisitor(anonymousId)).length, POLL)
        .toBeGreaterThanOrEqual(count);
      return h.ofVisitor(anonymousId);
    },
  };

  beforeAll(async () => {
    h.site = await startSite();
    h.workspace = await server().createWorkspace('SDK e2e');
    h.key = JSON.stringify(h.workspace.writeKey);
  });
  afterAll(async () => {
    await h.site?.close();
  });
  return h;
}
