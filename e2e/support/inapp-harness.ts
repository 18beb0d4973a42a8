import type { DeliveredMessage, MessageDefinition } from '@herald/protocol';
import type { Browser, BrowserContext, ElementHandle, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { InAppEvent } from '../../packages/sdk/src/index.js';
import { inAppClient, messageBody } from '../../packages/server/src/test-support/inapp.js';
import {
  type TestServer,
  type TestWorkspace,
  useTestServer,
} from '../../packages/server/src/test-support/server.js';
import { startSite, type TestSite } from './site.js';

// In-app messages as visitors see them: host pages on the site's own origin load herald.js from
// a real Herald server in headless Chromium; messages are launched through the admin API.

declare global {
  interface Window {
    /** What the `events` setting received. */
    __inapp: InAppEvent[];
    /** What herald.on(type, fn) received. */
    __on: InAppEvent[];
  }
}

export const EVENT_TYPES = ['opened', 'dismissed', 'action', 'changed', 'error'].map(
  (type) => `in-app:message-${type}`,
);
/** A wait for something to happen on the page, never a timed assertion. */
export const WAIT = { timeout: 20_000 };

export interface InAppWorkspace {
  ws: TestWorkspace;
  client: ReturnType<typeof inAppClient>;
  /** Creates and launches a message; answers its id. */
  launch(message: Partial<MessageDefinition>): Promise<string>;
}

export interface PageOptions {
  /** The page's <body>. */
  body?: string;
  /** More In-App settings, as JavaScript object members: `selectorTimeout: 300`. */
  settings?: string;
  /** JavaScript run after load() instead of `herald.page()`. */
  then?: string;
}

export interface InAppHarness {
  server: () => TestServer;
  site: TestSite;
  context: BrowserContext;
  /** A fresh workspace with in-app and anonymous messages on: tests don't see each other's. */
  workspace(): Promise<InAppWorkspace>;
  /** A page in a fresh browser profile (or in `context`, to share it as tabs do). */
  newPage(context?: BrowserContext): Promise<Page>;
  /** Serves a host page that loads herald.js with the In-App plugin on; answers its URL. */
  hostPage(path: string, workspace: InAppWorkspace, options?: PageOptions): string;
  /** The JavaScript that loads Herald with the In-App plugin, recording its events. */
  setup(workspace: InAppWorkspace, options?: PageOptions): string;
  /** Waits until the page's `events` callback has received `count` events of `type`. */
  waitForEvent(page: Page, type: string, count?: number): Promise<InAppEvent[]>;
  /** How many events of `type` the page's `events` option has had so far. */
  eventCount(page: Page, type: string): Promise<number>;
  /** The iframes of messages on the page, each with its message id and display type. */
  frames(page: Page): Promise<MessageFrame[]>;
  /** Waits for the message's frame to be on screen and sized; answers it. */
  frameOf(page: Page, messageId: string): Promise<MessageFrame>;
}

export interface MessageFrame {
  frame: Frame;
  element: ElementHandle;
  messageId: string;
  type: string;
  box: { x: number; y: number; width: number; height: number };
}

export function useInAppHarness(browser: () => Browser): InAppHarness {
  const server = useTestServer('sqlite');
  let count = 0;
  const h: InAppHarness = {
    server,
    site: undefined as never,
    context: undefined as never,
    async workspace() {
      const ws = await server().createWorkspace(`In-app e2e ${++count}`, {
        inApp: { enabled: true, anonymous: true },
      });
      const client = inAppClient(server(), ws);
      return { ws, client, launch: (message) => client.launch(messageBody(message)) };
    },
    async newPage(context) {
      if (!context) h.context = await browser().newContext();
      const page = await (context ?? h.context).newPage();
      if (process.env.HERALD_E2E_DEBUG) {
        page.on('console', (message) => console.log(`[${page.url()}] ${message.text()}`));
      }
      page.on('pageerror', (error) => {
        throw new Error(`page error: ${error.message}`);
      });
      return page;
    },
    hostPage(path, workspace, options = {}) {
      return h.site.page(
        path,
        `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
        <script src="${server().url}/sdk/herald.js"></script>
        <script>${h.setup(workspace, options)}</script></head>
        <body>${options.body ?? '<h1>Shop</h1>'}</body></html>`,
      );
    },
    setup(workspace, options = {}) {
      return `
          window.__inapp = []; window.__on = [];
          herald.load(${JSON.stringify(workspace.ws.writeKey)}, { flushInterval: 100, integrations: {
            'In-App': { anonymousInApp: true, ${options.settings ?? ''}
              events: function (event) { window.__inapp.push(event); } } } });
          ${JSON.stringify(EVENT_TYPES)}.forEach(function (type) {
            herald.on(type, function (event) { window.__on.push(event); });
          });
          ${options.then ?? 'herald.page();'}`;
    },
    eventCount(page, type) {
      return page.evaluate((t) => window.__inapp.filter((event) => event.type === t).length, type);
    },
    async waitForEvent(page, type, wanted = 1) {
      // Polled on a timer, not on animation frames, which a page in the background may not get.
      await page.waitForFunction(
        ([t, n]) => window.__inapp.filter((event) => event.type === t).length >= n,
        [type, wanted] as const,
        { ...WAIT, polling: 100 },
      );
      return page.evaluate((t) => window.__inapp.filter((event) => event.type === t), type);
    },
    async frames(page) {
      const found: MessageFrame[] = [];
      for (const frame of page.frames()) {
        if (!frame.url().includes('/sdk/frame.html')) continue;
        const element = await frame.frameElement();
        // The iframe lives in a closed shadow root; its root's host carries the message id.
        const info = await element.evaluate((iframe) => {
          const host = (iframe.getRootNode() as ShadowRoot).host as HTMLElement;
          return { messageId: host.dataset.messageId ?? '', type: host.dataset.type ?? '' };
        });
        const box = await element.boundingBox();
        if (box) found.push({ frame, element, box, ...info });
      }
      return found;
    },
    async frameOf(page, messageId) {
      let result: MessageFrame | undefined;
      let last = '';
      await expect
        .poll(
          async () => {
            result = (await h.frames(page)).find(
              (f) => f.messageId === messageId && f.box.height > 0,
            );
            // Shown and settled: the same box twice in a row (it is sized to its content, then
            // placed), so that callers measure where it stays, not where it appeared first.
            const now = result ? JSON.stringify(result.box) : '';
            const settled = !!result && now === last;
            last = now;
            return settled;
          },
          { timeout: WAIT.timeout, interval: 100 },
        )
        .toBe(true);
      return result!;
    },
  };
  beforeAll(async () => {
    h.site = await startSite();
  });
  afterAll(async () => {
    await h.site?.close();
  });
  return h;
}

/** A DeliveredMessage-shaped object for renderPreview. */
export type { DeliveredMessage };
