import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { POLL, useSdkHarness, UUID_V4 } from './support/sdk-harness.js';

// A site moving from Customer.io keeps its snippet and its code: only the CDN host changes to
// the Herald server. The snippet is Customer.io's own text (e2e/fixtures), loading
// <host>/v1/analytics-js/snippet/<writeKey>/analytics.min.js, which Herald serves.

const CUSTOMERIO_SNIPPET = readFileSync(
  new URL('./fixtures/customerio-snippet.js', import.meta.url),
  'utf8',
);

describeInChromium('the Customer.io snippet loads Herald unchanged but for the host', (browser) => {
  const h = useSdkHarness(browser);
  const snippet = (calls: string) =>
    CUSTOMERIO_SNIPPET.replace('https://cdp.customer.io', h.server().url).replace(
      '/* the calls */',
      calls,
    );
  const anonymousIdOn = async (page: Page, global: string) => {
    await page.waitForFunction(
      (name) => {
        const api = (window as unknown as Record<string, unknown>)[name];
        return !!api && !Array.isArray(api);
      },
      global,
      { timeout: 20_000 },
    );
    return page.evaluate(
      (name) =>
        (window as unknown as Record<string, { user(): { anonymousId: string } }>)[name]!.user()
          .anonymousId,
      global,
    );
  };

  it('replays every queued call, runs middlewares, tracks links and forms', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const url = h.site.page(
      '/pricing',
      h
        .html(
          `<script>${snippet(`
          analytics.load(${h.key}, { integrations: { "Customer.io In-App Plugin": { siteId: "site-1", anonymousInApp: true } } });
          analytics.addSourceMiddleware(function (ctx) { ctx.payload.obj.properties = Object.assign({}, ctx.payload.obj.properties, { via: "middleware" }); ctx.next(ctx.payload); });
          analytics.page();
          analytics.track("Before Load", { n: 1 });
          analytics.pageview("/legacy");
          analytics.debug(false);
        `)}</script>`,
        )
        .replace(
          '<h1>Shop</h1>',
          '<h1>Shop</h1><a id="signup" href="/signed-up">Sign up</a>' +
            '<form id="news" action="/subscribed"><input name="email"><button>Go</button></form>',
        ),
    );
    h.site.page('/signed-up', h.html(''));
    h.site.page('/subscribed', h.html(''));
    await page.goto(url);
    const anonymousId = await anonymousIdOn(page, 'cioanalytics');
    expect(anonymousId).toMatch(UUID_V4);
    // The snippet's global is Herald now; the calls a site makes after load work too.
    await page.evaluate(() => {
      const analytics = (
        window as unknown as { cioanalytics: Record<string, (...a: unknown[]) => void> }
      ).cioanalytics;
      analytics.identify!('ada', { email: 'ada@example.com' });
      analytics.trackLink!(document.getElementById('signup'), 'Clicked Sign Up', { plan: 'pro' });
    });
    await page.click('#signup');
    await page.waitForURL(/\/signed-up$/);

    const events = await h.arrived(anonymousId, 5);
    const summary = events.map((event) => [event.type, event.event ?? event.name ?? null]);
    expect(summary).toEqual([
      ['page', null],
      ['track', 'Before Load'],
      ['page', null],
      ['identify', null],
      ['track', 'Clicked Sign Up'],
    ]);
    expect(events[1]!.properties).toEqual({ n: 1, via: 'middleware' });
    expect(events[2]!.properties).toMatchObject({ path: '/legacy', via: 'middleware' });
    expect(events[0]!.properties).toMatchObject({ path: '/pricing', via: 'middleware' });
    expect(events[4]).toMatchObject({ userId: 'ada', properties: { plan: 'pro' } });
    // The host site has no favicon; nothing else may be an error.
    expect(errors.filter((text) => !text.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('a tracked form is submitted once its event is recorded', async () => {
    const page = await h.newPage();
    const url = h.site.page(
      '/news',
      h
        .html(`<script>${snippet(`analytics.load(${h.key});`)}</script>`)
        .replace(
          '<h1>Shop</h1>',
          '<form id="news" action="/subscribed"><input name="email"><button>Go</button></form>',
        ),
    );
    h.site.page('/subscribed', h.html(''));
    await page.goto(url);
    const anonymousId = await anonymousIdOn(page, 'cioanalytics');
    await page.evaluate(() => {
      const analytics = (
        window as unknown as { cioanalytics: Record<string, (...a: unknown[]) => void> }
      ).cioanalytics;
      analytics.trackSubmit!(
        document.getElementById('news'),
        'Subscribed',
        (form: HTMLFormElement) => ({
          field: (form.elements[0] as HTMLInputElement).name,
        }),
      );
    });
    await page.click('#news button');
    await page.waitForURL(/\/subscribed/);
    await expect
      .poll(async () => (await h.ofVisitor(anonymousId)).map((event) => event.event), POLL)
      .toContain('Subscribed');
    const [event] = (await h.ofVisitor(anonymousId)).filter((e) => e.event === 'Subscribed');
    expect(event!.properties).toEqual({ field: 'email' });
  });

  it('the snippet included twice logs its own error, and Herald runs once', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const tag = `<script>${snippet(`analytics.load(${h.key}); analytics.track("Once");`)}</script>`;
    await page.goto(h.site.page('/twice', h.html(tag + tag)));
    const anonymousId = await anonymousIdOn(page, 'cioanalytics');
    const events = await h.arrived(anonymousId, 1);
    expect(events.map((event) => event.event)).toEqual(['Once']);
    expect(errors).toContain('Snippet included twice.');
  });
});
