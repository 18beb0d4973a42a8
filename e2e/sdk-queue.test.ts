import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { POLL, useSdkHarness } from './support/sdk-harness.js';

// The durable send queue in a real browser: failed requests, reloads, offline periods, pages
// that go away, and several tabs; every event must reach the server exactly once.

describeInChromium('browser SDK in Chromium: the send queue', (browser) => {
  const h = useSdkHarness(browser);

  it('events queued while requests fail arrive exactly once after a reload with the network back', async () => {
    const page = await h.newPage();
    const batchUrl = `${h.server().url}/v1/batch`;
    let blocked = 0;
    await h.context.route(batchUrl, (route) => {
      blocked++;
      return route.abort('internetdisconnected');
    });
    await page.goto(
      h.snippetPage('/offline', `herald.load(${h.key}, { flushAt: 1 }); herald.page();`),
    );
    const anonymousId = await h.anonymousIdIn(page);
    await page.evaluate(() => {
      for (let n = 1; n <= 5; n++) window.herald.track(`Offline ${n}`, { n });
    });
    await expect.poll(() => h.queuedIn(page), POLL).toHaveLength(6);
    await expect.poll(() => blocked, POLL).toBeGreaterThan(0);
    const queued = await h.queuedIn(page);
    expect(await h.ofVisitor(anonymousId)).toEqual([]);

    await h.context.unroute(batchUrl);
    await page.reload();
    await h.arrived(anonymousId, 7);
    await expect.poll(() => h.queuedIn(page), POLL).toEqual([]);

    const events = await h.ofVisitor(anonymousId);
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
    await h.context.close();
  });

  it('a reload while requests still fail keeps the queue, and the new page sends it once', async () => {
    const page = await h.newPage();
    const batchUrl = `${h.server().url}/v1/batch`;
    await h.context.route(batchUrl, (route) => route.abort('internetdisconnected'));
    // Routes do not catch beacons: make the pagehide beacon fail too, as it would offline.
    await h.context.addInitScript(() => {
      navigator.sendBeacon = () => false;
    });
    await page.goto(
      h.snippetPage('/still-offline', `herald.load(${h.key}, { flushAt: 1 }); herald.page();`),
    );
    const anonymousId = await h.anonymousIdIn(page);
    await page.evaluate(() => {
      for (let n = 1; n <= 3; n++) window.herald.track(`Kept ${n}`);
    });
    await expect.poll(() => h.queuedIn(page), POLL).toHaveLength(4);
    const before = await h.queuedIn(page);

    await page.reload();
    await h.anonymousIdIn(page);
    // The new page took over the old page's queue and added its own page view.
    await expect.poll(() => h.queuedIn(page), POLL).toHaveLength(5);
    expect(await h.queuedIn(page)).toEqual(expect.arrayContaining(before));
    expect(await h.ofVisitor(anonymousId)).toEqual([]);

    await h.context.unroute(batchUrl);
    await h.arrived(anonymousId, 5);
    await expect.poll(() => h.queuedIn(page), POLL).toEqual([]);
    const events = await h.ofVisitor(anonymousId);
    expect(events).toHaveLength(5);
    expect(new Set(events.map((event) => event.messageId)).size).toBe(5);
    await h.context.close();
  });

  it('offline, events wait without a request and go as soon as the browser is back online', async () => {
    const page = await h.newPage();
    let attempts = 0;
    page.on('request', (request) => void (request.url().endsWith('/v1/batch') && attempts++));
    await page.goto(h.snippetPage('/train', `herald.load(${h.key}, { flushAt: 1 });`));
    const anonymousId = await h.anonymousIdIn(page);
    await h.context.setOffline(true);
    await page.evaluate(() => {
      window.herald.track('In a tunnel');
      window.herald.track('Still in it');
    });
    await expect.poll(() => h.queuedIn(page), POLL).toHaveLength(2);
    expect(attempts).toBe(0);

    await h.context.setOffline(false);
    const events = await h.arrived(anonymousId, 2);
    expect(events.map((event) => event.event)).toEqual(['In a tunnel', 'Still in it']);
    await h.context.close();
  });

  it('what is still queued when the visitor leaves is sent on pagehide', async () => {
    const page = await h.newPage();
    await page.goto(
      h.snippetPage(
        '/leaving',
        `herald.load(${h.key}, { flushAt: 100, flushInterval: 600000 });
         herald.page();
         herald.track('Leaving');`,
      ),
    );
    const anonymousId = await h.anonymousIdIn(page);
    await expect.poll(() => h.queuedIn(page), POLL).toHaveLength(2);
    // A page without Herald: only the beacon sent on pagehide can deliver the events.
    await page.goto(h.site.page('/elsewhere', h.html('')));
    const events = await h.arrived(anonymousId, 2);
    expect(events.map((event) => event.type)).toEqual(['page', 'track']);
    await h.context.close();
  });

  it('two tabs never send each other’s events', async () => {
    const first = await h.newPage();
    const second = await h.context.newPage();
    const sentIds: string[] = [];
    h.context.on('request', (request) => {
      if (!request.url().endsWith('/v1/batch')) return;
      const body = JSON.parse(request.postData() ?? '{}') as { batch?: { messageId: string }[] };
      sentIds.push(...(body.batch ?? []).map((event) => event.messageId));
    });
    const url = h.snippetPage('/tabs', `herald.load(${h.key}, { flushAt: 1 }); herald.page();`);
    await first.goto(url);
    await second.goto(url);
    const anonymousId = await h.anonymousIdIn(first);
    expect(await h.anonymousIdIn(second)).toBe(anonymousId);
    for (const page of [first, second]) {
      await page.evaluate(() => {
        for (let n = 1; n <= 3; n++) window.herald.track(`Tab event ${n}`);
      });
    }
    await h.arrived(anonymousId, 8);
    await expect
      .poll(async () => (await h.queuedIn(first)).length + (await h.queuedIn(second)).length, POLL)
      .toBe(0);
    expect(sentIds).toHaveLength(8);
    expect(new Set(sentIds).size).toBe(8);
    await h.context.close();
  });
});
