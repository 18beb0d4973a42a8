import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SNIPPET_HOST, SNIPPET_SETUP } from '../packages/sdk/build.mjs';
import type { Herald } from '../packages/sdk/src/index.js';
import { type TestWorkspace, useTestServer } from '../packages/server/src/test-support/server.js';
import { describeInChromium } from './support/browser.js';
import { startSite, type TestSite } from './support/site.js';

// The browser SDK as sites use it: host pages on their own origin (a second HTTP server) load
// the snippet or herald.js from a real Herald server, in headless Chromium; what arrived is read
// back through the admin API. No part of Herald is mocked.

declare global {
  interface Window {
    herald: Herald & { load(writeKey: string, options?: object): void };
  }
}

interface StoredEvent {
  type: string;
  event?: string;
  name?: string;
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: { page?: Record<string, unknown>; library?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POLL = { timeout: 30_000, interval: 250 };

describeInChromium('browser SDK in Chromium', (browser) => {
  const server = useTestServer('sqlite');
  let site: TestSite;
  let workspace: TestWorkspace;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await startSite();
    workspace = await server().createWorkspace('SDK e2e');
  });
  afterAll(async () => {
    await site?.close();
  });

  /** dist/snippet.min.js as the README shows it, for this server, with `setup` as its calls. */
  const snippet = (setup: string) => {
    const text = readFileSync(
      new URL('../packages/sdk/dist/snippet.min.js', import.meta.url),
      'utf8',
    );
    expect(text).toContain(SNIPPET_HOST);
    expect(text).toContain(SNIPPET_SETUP);
    return text.replace(SNIPPET_HOST, server().url).replace(SNIPPET_SETUP, setup);
  };
  const html = (head: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${head}</head><body><h1>Shop</h1></body></html>`;
  /** A page with the snippet, whose setup is `setup`. */
  const snippetPage = (path: string, setup: string) =>
    site.page(path, html(`<script>${snippet(setup)}</script>`));

  /** A fresh browser profile: its own localStorage and cookies. */
  const newPage = async (): Promise<Page> => {
    context = await browser().newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw new Error(`page error: ${error.message}`);
    });
    return page;
  };
  const anonymousIdIn = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          window.herald.ready(() => resolve(window.herald.user().anonymousId!)),
        ),
    );
  const queuedIn = (page: Page) =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('herald_queue:'))
        .flatMap(
          (key) => (JSON.parse(localStorage.getItem(key)!) as { e: { messageId: string }[] }).e,
        )
        .map((event) => event.messageId),
    );
  const activity = async (path: string): Promise<StoredEvent[]> => {
    const { status, body } = await server().admin(
      'GET',
      `/workspaces/${workspace.id}${path}/activity?limit=500`,
    );
    return status === 200 ? (body.data as StoredEvent[]).reverse() : [];
  };
  const ofVisitor = (anonymousId: string) =>
    activity(`/anonymous/${encodeURIComponent(anonymousId)}`);
  const ofPerson = (userId: string) => activity(`/people/${encodeURIComponent(userId)}`);
  /** Waits until the visitor has `count` stored events; answers them, oldest first. */
  const arrived = async (anonymousId: string, count: number) => {
    await expect
      .poll(async () => (await ofVisitor(anonymousId)).length, POLL)
      .toBeGreaterThanOrEqual(count);
    return ofVisitor(anonymousId);
  };

  it('the snippet on a page stores events, each with the page it was made on', async () => {
    const page = await newPage();
    const batches: { method: string; contentType: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/batch')) {
        batches.push({ method: request.method(), contentType: request.headers()['content-type'] });
      }
    });
    await page.goto(
      snippetPage(
        '/shop',
        `herald.load(${JSON.stringify(workspace.writeKey)});
         herald.track('Before Load', { n: 1 });
         history.replaceState(null, '', '/moved');
         herald.page('Moved');`,
      ) + '?ref=mail',
    );
    const anonymousId = await anonymousIdIn(page);
    expect(anonymousId).toMatch(UUID_V4);

    const [track, pageView] = await arrived(anonymousId, 2);
    expect(track).toMatchObject({
      type: 'track',
      event: 'Before Load',
      properties: { n: 1 },
      userId: null,
    });
    expect(track!.messageId).toMatch(UUID_V4);
    expect(track!.context).toMatchObject({
      library: { name: 'herald.js' },
      locale: expect.any(String),
      timezone: expect.any(String),
      userAgent: expect.stringContaining('Chrome'),
      page: { path: '/shop', search: '?ref=mail', title: 'Shop', url: `${site.url}/shop?ref=mail` },
    });
    expect(pageView).toMatchObject({
      type: 'page',
      name: 'Moved',
      properties: {
        name: 'Moved',
        path: '/moved',
        url: `${site.url}/moved`,
        title: 'Shop',
        search: '',
      },
    });
    // text/plain: a simple cross-origin request, so no CORS preflight.
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      expect(batch.method).toBe('POST');
      expect(batch.contentType).toMatch(/^text\/plain/);
    }
    await context.close();
  });

  it('a second copy of the snippet logs an error and changes nothing', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on(
      'console',
      (message) => void (message.type() === 'error' && errors.push(message.text())),
    );
    const key = JSON.stringify(workspace.writeKey);
    await page.goto(
      site.page(
        '/twice',
        html(`<script>${snippet(`herald.load(${key}); herald.track('Once');`)}</script>
              <script>${snippet(`herald.load(${key}); herald.track('Once');`)}</script>`),
      ),
    );
    const anonymousId = await anonymousIdIn(page);
    expect(errors).toContain('Herald snippet included twice.');
    const events = await arrived(anonymousId, 1);
    expect(events.map((event) => event.event)).toEqual(['Once']);
    expect(
      await page.evaluate(() => document.querySelectorAll('script[src$="/sdk/herald.js"]').length),
    ).toBe(1);
    await context.close();
  });

  it('<script src=".../sdk/herald.js" data-write-key> alone records the page', async () => {
    const page = await newPage();
    const url = site.page(
      '/tag',
      html(
        `<script src="${server().url}/sdk/herald.js" data-write-key="${workspace.writeKey}"></script>`,
      ),
    );
    await page.goto(url);
    const [pageView] = await arrived(await anonymousIdIn(page), 1);
    expect(pageView).toMatchObject({
      type: 'page',
      properties: { url, path: '/tag', title: 'Shop' },
    });
    await context.close();
  });

  it('a plain script tag then herald.load(writeKey, options) works, replaying earlier calls', async () => {
    const page = await newPage();
    await page.goto(
      site.page(
        '/plain',
        html(`<script src="${server().url}/sdk/herald.js"></script>
              <script>
                herald.track('Early');
                herald.load(${JSON.stringify(workspace.writeKey)}, { flushInterval: 100 });
                herald.identify('plain-user', { plan: 'free' });
                herald.track('Loaded');
              </script>`),
      ),
    );
    const events = await arrived(await anonymousIdIn(page), 3);
    expect(events.map((event) => [event.type, event.event ?? null, event.userId])).toEqual([
      ['track', 'Early', null],
      ['identify', null, 'plain-user'],
      ['track', 'Loaded', 'plain-user'],
    ]);
    await context.close();
  });

  it('the anonymous ID survives reloads, kept in localStorage and a cookie that restore each other', async () => {
    const page = await newPage();
    await page.goto(
      snippetPage('/reload', `herald.load(${JSON.stringify(workspace.writeKey)}); herald.page();`),
    );
    const anonymousId = await anonymousIdIn(page);

    const cookie = (await context.cookies(site.url)).find((c) => c.name === 'herald_anonymous_id');
    expect(cookie).toMatchObject({ value: anonymousId, sameSite: 'Lax', path: '/' });
    const days = (cookie!.expires - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365.01);

    await page.reload();
    expect(await anonymousIdIn(page)).toBe(anonymousId);

    await page.evaluate(() => localStorage.removeItem('herald_anonymous_id'));
    await page.reload();
    expect(await anonymousIdIn(page)).toBe(anonymousId);
    expect(await page.evaluate(() => localStorage.getItem('herald_anonymous_id'))).toBe(
      anonymousId,
    );

    await context.clearCookies();
    await page.reload();
    expect(await anonymousIdIn(page)).toBe(anonymousId);
    expect(
      (await context.cookies(site.url)).find((c) => c.name === 'herald_anonymous_id')?.value,
    ).toBe(anonymousId);

    const events = await arrived(anonymousId, 4);
    expect(events.filter((event) => event.type === 'page')).toHaveLength(4);
    await context.close();
  });

  it('identify then reset: events go to the person, then to a new anonymous visitor', async () => {
    const page = await newPage();
    await page.goto(
      snippetPage(
        '/account',
        `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 1 });`,
      ),
    );
    const first = await anonymousIdIn(page);
    const after = await page.evaluate(() => {
      window.herald.identify('e2e-user', { plan: 'pro' });
      window.herald.track('Upgraded');
      window.herald.reset();
      window.herald.track('After Reset');
      return window.herald.user();
    });
    expect(after.userId).toBeNull();
    expect(after.anonymousId).toMatch(UUID_V4);
    expect(after.anonymousId).not.toBe(first);
    expect(await page.evaluate(() => localStorage.getItem('herald_user_id'))).toBeNull();
    expect((await context.cookies(site.url)).map((c) => c.name)).not.toContain('herald_user_id');

    await expect
      .poll(async () => (await ofPerson('e2e-user')).length, POLL)
      .toBeGreaterThanOrEqual(2);
    const person = await ofPerson('e2e-user');
    expect(person.map((event) => [event.type, event.event ?? null, event.anonymousId])).toEqual([
      ['identify', null, first],
      ['track', 'Upgraded', first],
    ]);
    expect(person[0]!.traits).toEqual({ plan: 'pro' });

    const [afterReset] = await arrived(after.anonymousId!, 1);
    expect(afterReset).toMatchObject({ event: 'After Reset', userId: null });
    await context.close();
  });

  it('events queued while requests fail arrive exactly once after a reload with the network back', async () => {
    const page = await newPage();
    const batchUrl = `${server().url}/v1/batch`;
    let blocked = 0;
    await context.route(batchUrl, (route) => {
      blocked++;
      return route.abort('internetdisconnected');
    });
    await page.goto(
      snippetPage(
        '/offline',
        `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 1 }); herald.page();`,
      ),
    );
    const anonymousId = await anonymousIdIn(page);
    await page.evaluate(() => {
      for (let n = 1; n <= 5; n++) window.herald.track(`Offline ${n}`, { n });
    });
    await expect.poll(() => queuedIn(page), POLL).toHaveLength(6);
    await expect.poll(() => blocked, POLL).toBeGreaterThan(0);
    const queued = await queuedIn(page);
    expect(await ofVisitor(anonymousId)).toEqual([]);

    await context.unroute(batchUrl);
    await page.reload();
    await arrived(anonymousId, 7);
    await expect.poll(() => queuedIn(page), POLL).toEqual([]);

    const events = await ofVisitor(anonymousId);
    const ids = events.map((event) => event.messageId);
    for (const id of queued) expect(ids.filter((other) => other === id)).toHaveLength(1);
    expect(events).toHaveLength(7);
    expect(events.filter((event) => event.type === 'track').map((event) => event.event)).toEqual([
      'Offline 1',
      'Offline 2',
      'Offline 3',
      'Offline 4',
      'Offline 5',
    ]);
    await context.close();
  });

  it('a reload while requests still fail keeps the queue, and the new page sends it once', async () => {
    const page = await newPage();
    const batchUrl = `${server().url}/v1/batch`;
    await context.route(batchUrl, (route) => route.abort('internetdisconnected'));
    // Routes do not catch beacons: make the pagehide beacon fail too, as it would offline.
    await context.addInitScript(() => {
      navigator.sendBeacon = () => false;
    });
    await page.goto(
      snippetPage(
        '/still-offline',
        `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 1 }); herald.page();`,
      ),
    );
    const anonymousId = await anonymousIdIn(page);
    await page.evaluate(() => {
      for (let n = 1; n <= 3; n++) window.herald.track(`Kept ${n}`);
    });
    await expect.poll(() => queuedIn(page), POLL).toHaveLength(4);
    const before = await queuedIn(page);

    await page.reload();
    await anonymousIdIn(page);
    // The new page took over the old page's queue and added its own page view.
    await expect.poll(() => queuedIn(page), POLL).toHaveLength(5);
    expect(await queuedIn(page)).toEqual(expect.arrayContaining(before));
    expect(await ofVisitor(anonymousId)).toEqual([]);

    await context.unroute(batchUrl);
    await arrived(anonymousId, 5);
    await expect.poll(() => queuedIn(page), POLL).toEqual([]);
    const events = await ofVisitor(anonymousId);
    expect(events).toHaveLength(5);
    expect(new Set(events.map((event) => event.messageId)).size).toBe(5);
    await context.close();
  });

  it('offline, events wait without a request and go as soon as the browser is back online', async () => {
    const page = await newPage();
    let attempts = 0;
    page.on('request', (request) => void (request.url().endsWith('/v1/batch') && attempts++));
    await page.goto(
      snippetPage('/train', `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 1 });`),
    );
    const anonymousId = await anonymousIdIn(page);
    await context.setOffline(true);
    await page.evaluate(() => {
      window.herald.track('In a tunnel');
      window.herald.track('Still in it');
    });
    await expect.poll(() => queuedIn(page), POLL).toHaveLength(2);
    expect(attempts).toBe(0);

    await context.setOffline(false);
    const events = await arrived(anonymousId, 2);
    expect(events.map((event) => event.event)).toEqual(['In a tunnel', 'Still in it']);
    await context.close();
  });

  it('what is still queued when the visitor leaves is sent on pagehide', async () => {
    const page = await newPage();
    await page.goto(
      snippetPage(
        '/leaving',
        `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 100, flushInterval: 600000 });
         herald.page();
         herald.track('Leaving');`,
      ),
    );
    const anonymousId = await anonymousIdIn(page);
    await expect.poll(() => queuedIn(page), POLL).toHaveLength(2);
    // A page without Herald: only the beacon sent on pagehide can deliver the events.
    await page.goto(site.page('/elsewhere', html('')));
    const events = await arrived(anonymousId, 2);
    expect(events.map((event) => event.type)).toEqual(['page', 'track']);
    await context.close();
  });

  it('two tabs never send each other’s events', async () => {
    const first = await newPage();
    const second = await context.newPage();
    const sentIds: string[] = [];
    context.on('request', (request) => {
      if (!request.url().endsWith('/v1/batch')) return;
      const body = JSON.parse(request.postData() ?? '{}') as { batch?: { messageId: string }[] };
      sentIds.push(...(body.batch ?? []).map((event) => event.messageId));
    });
    const url = snippetPage(
      '/tabs',
      `herald.load(${JSON.stringify(workspace.writeKey)}, { flushAt: 1 }); herald.page();`,
    );
    await first.goto(url);
    await second.goto(url);
    const anonymousId = await anonymousIdIn(first);
    expect(await anonymousIdIn(second)).toBe(anonymousId);
    for (const page of [first, second]) {
      await page.evaluate(() => {
        for (let n = 1; n <= 3; n++) window.herald.track(`Tab event ${n}`);
      });
    }
    await arrived(anonymousId, 8);
    await expect
      .poll(async () => (await queuedIn(first)).length + (await queuedIn(second)).length, POLL)
      .toBe(0);
    expect(sentIds).toHaveLength(8);
    expect(new Set(sentIds).size).toBe(8);
    await context.close();
  });

  it('a page where localStorage throws still works, keeping the visitor in a cookie', async () => {
    const page = await newPage();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto(
      snippetPage(
        '/private',
        `herald.load(${JSON.stringify(workspace.writeKey)}); herald.page(); herald.track('Private');`,
      ),
    );
    const anonymousId = await anonymousIdIn(page);
    const events = await arrived(anonymousId, 2);
    expect(events.map((event) => event.type)).toEqual(['page', 'track']);

    await page.reload();
    expect(await anonymousIdIn(page)).toBe(anonymousId);
    await context.close();
  });
});
