import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { bundleClient } from './support/client-bundle.js';
import { type StoredEvent, UUID_V4, useSdkHarness } from './support/sdk-harness.js';

// A site keeps the analytics client it has (Segment's snippet, @segment/analytics-next, or
// Customer.io's @customerio/cdp-analytics-browser): the real published packages, pointed at the
// Herald server, deliver every call to it. Only the host changes (and, because this test
// server speaks plain http, the scheme Segment's snippet writes).

const segmentSnippet = createRequire(import.meta.url)('@segment/snippet') as {
  min(options: { host: string; apiKey: string; page: boolean }): string;
};

/** What a site does with its client once loaded: one call of every kind Segment defines. */
const EVERY_CALL: [string, ...unknown[]][] = [
  // Segment's use of alias: the anonymous visitor becomes a user.
  ['alias', 'ada'],
  ['identify', 'ada', { email: 'ada@example.com', plan: 'pro' }],
  ['track', 'Signed Up', { plan: 'pro', seats: 3 }],
  ['page', 'Docs', 'Install', { section: 'quickstart' }],
  ['screen', 'Home Screen', { tab: 'feed' }],
  ['group', 'acme', { name: 'Acme', employees: 40 }],
];

const summary = (events: StoredEvent[]) =>
  events.map((event) => `${event.type}:${event.event ?? event.name ?? ''}`).sort();
const EXPECTED = [
  'alias:',
  'group:',
  'identify:',
  'page:Install',
  'screen:Home Screen',
  'track:Signed Up',
];

describeInChromium('the clients sites already use deliver to Herald', (browser) => {
  const h = useSdkHarness(browser);
  beforeAll(async () => {
    h.site.page('/segment.js', await bundleClient('@segment/analytics-next', 'SegmentClient'));
    h.site.page('/cio.js', await bundleClient('@customerio/cdp-analytics-browser', 'CioClient'));
  });

  /**
   * Console errors and failed responses of the page. Chromium's own favicon request (the host
   * site has none) is neither a page response nor ours: its console line is left out.
   */
  const consoleErrors = (page: Page) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
        errors.push(text);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    return errors;
  };

  /** Loads an npm client on a host page, makes every call, answers what arrived. */
  const driveNpmClient = async (script: string, global: string, options: object = {}) => {
    const page = await h.newPage();
    const errors = consoleErrors(page);
    const posted: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'POST' && url.origin === h.server().url) posted.push(url.pathname);
    });
    await page.goto(h.site.page(`/${global}`, h.html(`<script src="${script}"></script>`)));
    const anonymousId = await page.evaluate(
      async ({ global, writeKey, cdnURL, calls, options }) => {
        type Client = Record<string, (...args: unknown[]) => Promise<unknown>> & {
          user(): Promise<{ anonymousId(): string }>;
        };
        const AnalyticsBrowser = (
          window as unknown as Record<string, { load(settings: object, options: object): Client }>
        )[global]!;
        const client = AnalyticsBrowser.load({ writeKey, cdnURL }, options);
        // Each call resolves once its destination has answered; in turn, as a site's code runs.
        for (const [method, ...args] of calls) await client[method]!(...args);
        return (await client.user()).anonymousId();
      },
      {
        global,
        writeKey: h.workspace.writeKey,
        cdnURL: h.server().url,
        calls: EVERY_CALL,
        options,
      },
    );
    expect(anonymousId).toMatch(UUID_V4);
    const events = await h.arrived(anonymousId, EXPECTED.length);
    expect(errors).toEqual([]);
    return { events, posted };
  };

  it('@segment/analytics-next, with its cdnURL on Herald', async () => {
    const { events, posted } = await driveNpmClient('/segment.js', 'SegmentClient');
    expect(summary(events)).toEqual(EXPECTED);
    expect(posted).toEqual(['/v1/a', '/v1/i', '/v1/t', '/v1/p', '/v1/s', '/v1/g']);
    const byType = Object.fromEntries(events.map((event) => [event.type, event]));
    expect(byType.identify).toMatchObject({
      userId: 'ada',
      traits: { email: 'ada@example.com', plan: 'pro' },
    });
    expect(byType.track!.properties).toEqual({ plan: 'pro', seats: 3 });
    expect(byType.page!.properties).toMatchObject({ section: 'quickstart', category: 'Docs' });
    expect(byType.screen!.properties).toMatchObject({ tab: 'feed' });
    expect(byType.group!.traits).toEqual({ name: 'Acme', employees: 40 });
    expect(byType.alias).toMatchObject({ userId: 'ada', previousId: byType.alias!.anonymousId });
    // Segment's context arrives intact: the library and the page it was on.
    expect(byType.track!.context).toMatchObject({
      library: { name: 'analytics.js' },
      page: { path: '/SegmentClient' },
    });
  });

  it('@customerio/cdp-analytics-browser, with its cdnURL on Herald', async () => {
    const { events, posted } = await driveNpmClient('/cio.js', 'CioClient');
    expect(summary(events)).toEqual(EXPECTED);
    expect(posted).toEqual(['/v1/a', '/v1/i', '/v1/t', '/v1/p', '/v1/s', '/v1/g']);
    const track = events.find((event) => event.type === 'track')!;
    expect(track).toMatchObject({ userId: 'ada', properties: { plan: 'pro', seats: 3 } });
  });

  it('@segment/analytics-next in batching mode posts /v1/b', async () => {
    const batching = { strategy: 'batching', config: { size: 3, timeout: 200 } };
    const { events, posted } = await driveNpmClient('/segment.js', 'SegmentClient', {
      integrations: { 'Segment.io': { deliveryStrategy: batching } },
    });
    expect(summary(events)).toEqual(EXPECTED);
    expect(new Set(posted)).toEqual(new Set(['/v1/b']));
  });

  it("Segment's own snippet loads Herald and replays its queue", async () => {
    const page = await h.newPage();
    const errors = consoleErrors(page);
    const host = new URL(h.server().url).host;
    const snippet = segmentSnippet
      .min({ host, apiKey: h.workspace.writeKey, page: true })
      .replace(`"https://${host}`, `"http://${host}`)
      .replace(/https:\/\/"\s*\+\s*/g, 'http://" + ');
    expect(snippet).toContain(`http://${host}`);
    await page.goto(
      h.site.page(
        '/landing',
        h.html(
          `<script>${snippet}\nanalytics.track('Viewed Landing', { ab: 'b' }); ` +
            `analytics.identify('grace', { role: 'cto' });</script>`,
        ),
      ),
    );
    await page.waitForFunction(() => {
      const api = (window as unknown as { analytics?: unknown }).analytics;
      return !!api && !Array.isArray(api);
    });
    const anonymousId = await page.evaluate(
      () =>
        (window as unknown as { analytics: { user(): { anonymousId: string } } }).analytics.user()
          .anonymousId,
    );
    const events = await h.arrived(anonymousId, 3);
    expect(events.map((event) => [event.type, event.event ?? null])).toEqual([
      ['page', null],
      ['track', 'Viewed Landing'],
      ['identify', null],
    ]);
    expect(events[0]!.properties).toMatchObject({ path: '/landing' });
    expect(events[2]).toMatchObject({ userId: 'grace', traits: { role: 'cto' } });
    expect(errors).toEqual([]);
  });
});
