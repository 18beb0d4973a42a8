import type { TriggerCondition } from '@herald/protocol';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './support/browser.js';
import { useInAppHarness, WAIT } from './support/inapp-harness.js';

// Messages shown on what visitors do, driven for real in the page: time passing, the page
// scrolled, the pointer leaving, a click, a tracked event; and from code with showMessage().

const TALL = '<h1>Shop</h1><div style="height:4000px"></div><button id="buy">Buy</button>';

describeInChromium('in-app triggers', (browser) => {
  const h = useInAppHarness(browser);

  /** A message with this trigger on a page of its own; answers the page and the message id. */
  const open = async (
    conditions: TriggerCondition[],
    match: 'all' | 'any' = 'all',
    options: { body?: string; mobile?: boolean } = {},
  ) => {
    const w = await h.workspace();
    const id = await w.launch({
      name: `Trigger ${conditions.map((c) => c.type).join(match)}`,
      trigger: { match, conditions },
    });
    const context = await browser().newContext(
      options.mobile
        ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 700 } }
        : {},
    );
    const page = await h.newPage(context);
    await page.goto(h.hostPage(`/t-${id}`, w, { body: options.body ?? TALL }));
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    return { page, id, w };
  };
  /** Nothing shows during `ms` (a wait for something not to happen). */
  const stillHidden = async (page: Page, ms: number) => {
    await page.waitForTimeout(ms);
    expect(await h.frames(page)).toEqual([]);
  };

  it('after N seconds on the page', async () => {
    const { page, id } = await open([{ type: 'delay', seconds: 2 }]);
    await stillHidden(page, 1000);
    await h.frameOf(page, id);
  });

  it('at a scroll depth', async () => {
    const { page, id } = await open([{ type: 'scroll', percent: 50 }]);
    await page.mouse.wheel(0, 600);
    await stillHidden(page, 600);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
    await h.frameOf(page, id);
  });

  it('on exit intent: the pointer leaving through the top of the window', async () => {
    const { page, id } = await open([{ type: 'exitIntent' }]);
    await page.mouse.move(400, 300);
    await page.mouse.move(400, 100, { steps: 4 });
    await stillHidden(page, 500);
    await page.mouse.move(400, -40, { steps: 4 });
    await h.frameOf(page, id);
  });

  it('on exit intent on a touch screen: a fast scroll back up after reading down', async () => {
    const { page, id } = await open([{ type: 'exitIntent' }], 'all', { mobile: true });
    await page.evaluate(() => window.scrollTo(0, 1500));
    await stillHidden(page, 500);
    await page.evaluate(() => window.scrollTo(0, 200));
    await h.frameOf(page, id);
  });

  it('on a click on a selector', async () => {
    const { page, id } = await open([{ type: 'click', selector: '#buy' }]);
    await page.click('h1');
    await stillHidden(page, 500);
    await page.click('#buy');
    await h.frameOf(page, id);
  });

  it('on a tracked event with property filters, for an anonymous visitor', async () => {
    const { page, id } = await open([
      { type: 'event', event: 'Added To Cart', properties: { plan: 'pro' } },
    ]);
    await page.evaluate(() => window.herald.track('Added To Cart', { plan: 'free' }));
    await stillHidden(page, 500);
    await page.evaluate(() => window.herald.track('Added To Cart', { plan: 'pro', seats: 2 }));
    await h.frameOf(page, id);
  });

  it('several conditions: all of them, or any one', async () => {
    const both = await open(
      [
        { type: 'click', selector: '#buy' },
        { type: 'event', event: 'Viewed Plans' },
      ],
      'all',
    );
    await both.page.click('#buy');
    await stillHidden(both.page, 500);
    await both.page.evaluate(() => window.herald.track('Viewed Plans'));
    await h.frameOf(both.page, both.id);

    const either = await open(
      [
        { type: 'delay', seconds: 600 },
        { type: 'click', selector: '#buy' },
      ],
      'any',
    );
    await stillHidden(either.page, 300);
    await either.page.click('#buy');
    await h.frameOf(either.page, either.id);
  });

  it('showMessage() shows an eligible message now; hideMessages() takes them away until the next page', async () => {
    const { page, id } = await open([{ type: 'delay', seconds: 3600 }]);
    expect(await page.evaluate((messageId) => window.herald.showMessage!(messageId), id)).toBe(
      true,
    );
    await h.frameOf(page, id);
    await page.evaluate(() => window.herald.hideMessages!());
    await expect.poll(async () => (await h.frames(page)).length, WAIT).toBe(0);
    expect(await page.evaluate(() => window.herald.showMessage!('msg_not_theirs'))).toBe(false);
  });
});
