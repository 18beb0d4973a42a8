import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness } from './support/inapp-harness.js';

// The seed's rule: "enable in-app messaging in your workspace and we load the plugin on pages
// containing your snippet". A page that calls herald.load(key) with no in-app settings shows
// identified messages as soon as the workspace switch is on; the switch off, it asks nothing.

describeInChromium('the workspace in-app switch is the source of truth', (browser) => {
  const h = useInAppHarness(browser);
  /** Every in-app request the page makes to the Herald server, by path. */
  const inAppRequests = (page: Page) => {
    const paths: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/v1/in-app/')) paths.push(pathname);
    });
    return paths;
  };
  const plainPage = (path: string, writeKey: string, load: string) =>
    h.site.page(
      path,
      `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
      <script src="${h.server().url}/sdk/herald.js"></script>
      <script>herald.load(${JSON.stringify(writeKey)}${load}); herald.page();</script></head>
      <body><h1>Shop</h1></body></html>`,
    );

  it('herald.load(key) alone: identified messages show, anonymous ones only when asked for', async () => {
    const w = await h.workspace();
    const known = await w.launch({
      name: 'People',
      audience: { type: 'identified' },
      steps: [{ name: 'main', html: '<h2>Hello</h2>' }],
    });
    const page = await h.newPage();
    const requests = inAppRequests(page);
    await page.goto(plainPage('/plain', w.ws.writeKey, ''));
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    // An anonymous visitor of a site that did not ask for anonymous messages costs nothing.
    await page.waitForTimeout(500);
    expect(requests).toEqual([]);
    await page.evaluate(() => window.herald.identify('ada'));
    await h.frameOf(page, known);
    await h.context.close();
  });

  it('anonymousInApp in the load options, or data-anonymous-in-app on the one tag, adds anonymous messages', async () => {
    const w = await h.workspace();
    const visitors = await w.launch({
      name: 'Visitors',
      steps: [{ name: 'main', html: '<h2>Welcome</h2>' }],
    });
    const page = await h.newPage();
    await page.goto(plainPage('/anon', w.ws.writeKey, ', { anonymousInApp: true }'));
    await h.frameOf(page, visitors);

    // A strict-CSP page: no inline script at all, only the tag.
    const strict = await h.newPage();
    await strict.goto(
      h.site.page(
        '/strict',
        `<!doctype html><html><head><meta charset="utf-8"><title>Strict</title>
        <script src="${h.server().url}/sdk/herald.js" data-write-key="${w.ws.writeKey}"
          data-anonymous-in-app="true"></script></head><body><h1>Strict</h1></body></html>`,
        {
          'content-security-policy':
            `default-src 'self'; script-src ${h.server().url}; ` +
            `connect-src ${h.server().url}; frame-src ${h.server().url}`,
        },
      ),
    );
    await h.frameOf(strict, visitors);
    await h.context.close();
  });

  it('the switch off: the answer says so and the browser stops asking, across pages', async () => {
    const w = await h.workspace();
    await w.launch({ name: 'Visitors', steps: [{ name: 'main', html: '<h2>Hi</h2>' }] });
    await h.server().admin('PATCH', `/workspaces/${w.ws.id}`, { inApp: { enabled: false } });
    const page = await h.newPage();
    const requests = inAppRequests(page);
    const url = plainPage('/off', w.ws.writeKey, ', { anonymousInApp: true }');
    const answered = page.waitForResponse((r) => r.url().includes('/v1/in-app/messages'));
    await page.goto(url);
    expect(await (await answered).json()).toMatchObject({ enabled: false, messages: [] });
    // Within the next ten minutes, a page of this browser asks nothing.
    await page.reload();
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    await page.waitForTimeout(500);
    expect(requests.filter((path) => path === '/v1/in-app/messages')).toHaveLength(1);
    expect(await h.frames(page)).toEqual([]);
    await h.context.close();
  });

  it("'In-App': false turns it off even with the switch on", async () => {
    const w = await h.workspace();
    await w.launch({ name: 'Visitors', steps: [{ name: 'main', html: '<h2>Hi</h2>' }] });
    const page = await h.newPage();
    const requests = inAppRequests(page);
    await page.goto(
      plainPage(
        '/no',
        w.ws.writeKey,
        ", { anonymousInApp: true, integrations: { 'In-App': false } }",
      ),
    );
    await page.evaluate(() => window.herald.identify('bob'));
    await page.waitForTimeout(500);
    expect(requests).toEqual([]);
    await h.context.close();
  });
});
