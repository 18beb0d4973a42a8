import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { POLL, useSdkHarness, UUID_V4 } from './support/sdk-harness.js';

// Loading the SDK the three ways sites do (snippet, script tag, script tag + load), the page
// context of each event, and who the visitor is across reloads, logins and broken storage.

describeInChromium('browser SDK in Chromium: loading and identity', (browser) => {
  const h = useSdkHarness(browser);

  it('the snippet on a page stores events, each with the page it was made on', async () => {
    const page = await h.newPage();
    const batches: { method: string; contentType: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/batch')) {
        batches.push({ method: request.method(), contentType: request.headers()['content-type'] });
      }
    });
    await page.goto(
      h.snippetPage(
        '/shop',
        `herald.load(${h.key});
         herald.track('Before Load', { n: 1 });
         history.replaceState(null, '', '/moved');
         herald.page('Moved');`,
      ) + '?ref=mail',
    );
    const anonymousId = await h.anonymousIdIn(page);
    expect(anonymousId).toMatch(UUID_V4);

    const events = await h.arrived(anonymousId, 2);
    const track = events.find((event) => event.type === 'track');
    const pageView = events.find((event) => event.type === 'page');
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
      page: {
        path: '/shop',
        search: '?ref=mail',
        title: 'Shop',
        url: `${h.site.url}/shop?ref=mail`,
      },
    });
    expect(pageView).toMatchObject({
      type: 'page',
      name: 'Moved',
      properties: {
        name: 'Moved',
        path: '/moved',
        url: `${h.site.url}/moved`,
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
    await h.context.close();
  });

  it('a second copy of the snippet logs an error and changes nothing', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on(
      'console',
      (message) => void (message.type() === 'error' && errors.push(message.text())),
    );
    const key = h.key;
    await page.goto(
      h.site.page(
        '/twice',
        h.html(`<script>${h.snippet(`herald.load(${key}); herald.track('Once');`)}</script>
              <script>${h.snippet(`herald.load(${key}); herald.track('Once');`)}</script>`),
      ),
    );
    const anonymousId = await h.anonymousIdIn(page);
    expect(errors).toContain('Herald snippet included twice.');
    const events = await h.arrived(anonymousId, 1);
    expect(events.map((event) => event.event)).toEqual(['Once']);
    expect(
      await page.evaluate(() => document.querySelectorAll('script[src$="/sdk/herald.js"]').length),
    ).toBe(1);
    await h.context.close();
  });

  it('<script src=".../sdk/herald.js" data-write-key> alone records the page', async () => {
    const page = await h.newPage();
    const url = h.site.page(
      '/tag',
      h.html(
        `<script src="${h.server().url}/sdk/herald.js" data-write-key="${h.workspace.writeKey}"></script>`,
      ),
    );
    await page.goto(url);
    const [pageView] = await h.arrived(await h.anonymousIdIn(page), 1);
    expect(pageView).toMatchObject({
      type: 'page',
      properties: { url, path: '/tag', title: 'Shop' },
    });
    await h.context.close();
  });

  it('a plain script tag then herald.load(writeKey, options) works, replaying earlier calls', async () => {
    const page = await h.newPage();
    await page.goto(
      h.site.page(
        '/plain',
        h.html(`<script src="${h.server().url}/sdk/herald.js"></script>
              <script>
                herald.track('Early');
                herald.load(${h.key}, { flushInterval: 100 });
                herald.identify('plain-user', { plan: 'free' });
                herald.track('Loaded');
              </script>`),
      ),
    );
    const events = await h.arrived(await h.anonymousIdIn(page), 3);
    // Calls in the same millisecond tie on timestamp, so the log's order among them is not the
    // calls' order; who each event was attributed to shows the replay kept that order.
    const seen = events.map((event) => [event.type, event.event ?? null, event.userId]);
    expect(seen).toHaveLength(3);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['track', 'Early', null],
        ['identify', null, 'plain-user'],
        ['track', 'Loaded', 'plain-user'],
      ]),
    );
    await h.context.close();
  });

  it('the anonymous ID survives reloads, kept in localStorage and a cookie that restore each other', async () => {
    const page = await h.newPage();
    await page.goto(h.snippetPage('/reload', `herald.load(${h.key}); herald.page();`));
    const anonymousId = await h.anonymousIdIn(page);

    const cookie = (await h.context.cookies(h.site.url)).find(
      (c) => c.name === 'herald_anonymous_id',
    );
    expect(cookie).toMatchObject({ value: anonymousId, sameSite: 'Lax', path: '/' });
    const days = (cookie!.expires - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365.01);

    await page.reload();
    expect(await h.anonymousIdIn(page)).toBe(anonymousId);

    await page.evaluate(() => localStorage.removeItem('herald_anonymous_id'));
    await page.reload();
    expect(await h.anonymousIdIn(page)).toBe(anonymousId);
    expect(await page.evaluate(() => localStorage.getItem('herald_anonymous_id'))).toBe(
      anonymousId,
    );

    await h.context.clearCookies();
    await page.reload();
    expect(await h.anonymousIdIn(page)).toBe(anonymousId);
    expect(
      (await h.context.cookies(h.site.url)).find((c) => c.name === 'herald_anonymous_id')?.value,
    ).toBe(anonymousId);

    const events = await h.arrived(anonymousId, 4);
    expect(events.filter((event) => event.type === 'page')).toHaveLength(4);
    await h.context.close();
  });

  it('identify then reset: events go to the person, then to a new anonymous visitor', async () => {
    const page = await h.newPage();
    await page.goto(h.snippetPage('/account', `herald.load(${h.key}, { flushAt: 1 });`));
    const first = await h.anonymousIdIn(page);
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
    expect((await h.context.cookies(h.site.url)).map((c) => c.name)).not.toContain(
      'herald_user_id',
    );

    await expect
      .poll(async () => (await h.ofPerson('e2e-user')).length, POLL)
      .toBeGreaterThanOrEqual(2);
    // Sent in separate batches, so the server's clock-skew correction may order them either way.
    const person = (await h.ofPerson('e2e-user')).sort((a, b) => a.type.localeCompare(b.type));
    expect(person.map((event) => [event.type, event.event ?? null, event.anonymousId])).toEqual([
      ['identify', null, first],
      ['track', 'Upgraded', first],
    ]);
    expect(person[0]!.traits).toEqual({ plan: 'pro' });

    const [afterReset] = await h.arrived(after.anonymousId!, 1);
    expect(afterReset).toMatchObject({ event: 'After Reset', userId: null });
    await h.context.close();
  });

  it('a page where localStorage throws still works, keeping the visitor in a cookie', async () => {
    const page = await h.newPage();
    await h.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto(
      h.snippetPage('/private', `herald.load(${h.key}); herald.page(); herald.track('Private');`),
    );
    const anonymousId = await h.anonymousIdIn(page);
    const events = await h.arrived(anonymousId, 2);
    expect(events.map((event) => event.type)).toEqual(['page', 'track']);

    await page.reload();
    expect(await h.anonymousIdIn(page)).toBe(anonymousId);
    await h.context.close();
  });
});
