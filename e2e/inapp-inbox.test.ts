import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { InboxChange, InboxItem } from '../packages/sdk/src/inapp/inbox.js';
import { describeInChromium } from './support/browser.js';
import { type InAppWorkspace, useInAppHarness, WAIT } from './support/inapp-harness.js';

// The inbox as visitors use it: through herald.inbox in the page, across tabs of one browser and
// across two browsers of one person (the server keeps the read state; the stream carries it), and
// through the built-in launcher, with the mouse and with the keyboard.

declare global {
  interface Window {
    /** What herald.on('inbox:changed') received, with when (performance.timeOrigin-relative). */
    __inbox: Array<InboxChange & { at: number }>;
  }
}

const item = (title: string, topic?: string) => ({
  name: title,
  display: { type: 'inbox' as const },
  inbox: { title, ...(topic ? { topic } : {}) },
  steps: [
    {
      name: 'main',
      html: `<h2>${title}</h2><p>Details</p><a href="herald://action/more">More</a>`,
    },
  ],
});

describeInChromium('the inbox', (browser) => {
  const h = useInAppHarness(browser);
  const listen = `window.__inbox = [];
    herald.on('inbox:changed', function (c) { window.__inbox.push(Object.assign({ at: Date.now() }, c)); });`;
  const open = async (w: InAppWorkspace, then: string, context?: BrowserContext, body?: string) => {
    const page = await h.newPage(context);
    const path = `/inbox-${Math.random().toString(36).slice(2)}`;
    await page.goto(h.hostPage(path, w, { then, ...(body ? { body } : {}) }));
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    return page;
  };
  const unread = (page: Page) => page.evaluate(() => window.herald.inbox!.unreadCount());
  const list = (page: Page) => page.evaluate(() => window.herald.inbox!.list());
  /**
   * Waits until the page's inbox says `count` unread (after `since`, epoch ms); answers when it
   * first did.
   */
  const unreadBecomes = async (page: Page, count: number, since = 0) => {
    const said = ([n, t]: readonly [number, number]) =>
      window.__inbox.find((change) => change.unread === n && change.at >= t);
    await page.waitForFunction(said, [count, since] as const, WAIT);
    return page.evaluate(
      ([n, t]) => window.__inbox.find((change) => change.unread === n && change.at >= t)!.at,
      [count, since] as const,
    );
  };

  it('lists items newest first, never shows them on the page, and keeps read state across tabs', async () => {
    const w = await h.workspace();
    const first = await w.launch(item('Welcome', 'news'));
    const second = await w.launch(item('Billing update', 'account'));
    const tab = await open(w, `${listen} herald.page();`);
    await unreadBecomes(tab, 2);
    const items: InboxItem[] = await list(tab);
    expect(items.map((i) => [i.id, i.title, i.topic, i.read])).toEqual([
      [second, 'Billing update', 'account', false],
      [first, 'Welcome', 'news', false],
    ]);
    expect(await tab.evaluate(() => window.herald.inbox!.list({ topic: 'news' }))).toHaveLength(1);
    expect(await h.frames(tab)).toEqual([]);

    const other = await open(w, `${listen} herald.page();`, h.context);
    await unreadBecomes(other, 2);
    const before = Date.now();
    await tab.evaluate((id) => window.herald.inbox!.markRead(id), first);
    expect(await unread(tab)).toBe(1);
    const synced = await unreadBecomes(other, 1, before);
    console.log(`inbox read state reached the other tab in ${synced - before} ms`);

    await other.evaluate(() => window.herald.inbox!.markAllRead());
    await unreadBecomes(tab, 0);
    await tab.evaluate((id) => window.herald.inbox!.archive(id), second);
    await other.waitForFunction(
      (id) => window.__inbox.some((c) => !c.items.some((i) => i.id === id)),
      second,
      WAIT,
    );
    expect((await list(other)).map((i: InboxItem) => i.id)).toEqual([first]);
    await h.context.close();
  });

  it('syncs one person’s inbox between two browsers, and starts afresh for the next person', async () => {
    const w = await h.workspace();
    const id = await w.launch({ ...item('For people'), audience: { type: 'identified' } });
    const login = `${listen} herald.identify('inbox-ada'); herald.page();`;
    const laptop = await open(w, login, await browser().newContext());
    const phone = await open(w, login, await browser().newContext());
    await unreadBecomes(laptop, 1);
    await unreadBecomes(phone, 1);
    const before = Date.now();
    await phone.evaluate((message) => window.herald.inbox!.markRead(message), id);
    const synced = await unreadBecomes(laptop, 0, before);
    console.log(`inbox read state reached the other browser in ${synced - before} ms`);

    // Logging out ends the person's inbox on this page; another person has their own.
    await laptop.evaluate(() => window.herald.reset());
    await expect.poll(() => list(laptop), WAIT).toEqual([]);
    await laptop.evaluate(() => window.herald.identify('inbox-bob'));
    await expect.poll(() => unread(laptop), WAIT).toBe(1);
    await laptop.context().close();
    await phone.context().close();
  });

  it('keeps a shown message in the inbox once dismissed, read', async () => {
    const w = await h.workspace();
    const id = await w.launch({
      name: 'Sale',
      inbox: { topic: 'offers' },
      steps: [{ name: 'main', html: '<h2>Sale</h2><a href="herald://close">Close</a>' }],
    });
    const page = await open(w, `${listen} herald.page();`);
    const { frame } = await h.frameOf(page, id);
    await h.waitForEvent(page, 'in-app:message-opened');
    await frame.click('text=Close');
    await expect.poll(async () => (await h.frames(page)).length, WAIT).toBe(0);
    await page.reload();
    await page.waitForFunction(() => window.herald && !Array.isArray(window.herald));
    await expect
      .poll(() => list(page), WAIT)
      .toEqual([expect.objectContaining({ id, title: 'Sale', read: true, topic: 'offers' })]);
    await page.waitForTimeout(500);
    expect(await h.frames(page)).toEqual([]);
    await h.context.close();
  });

  it('the launcher: a bell with a badge, a panel worked by keyboard, items opened in a frame', async () => {
    const w = await h.workspace();
    await w.launch(item('Older news'));
    const newest = await w.launch(item('Newest news'));
    const page = await h.newPage();
    await page.goto(
      h.site.page(
        '/launcher',
        `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
        <script src="${h.server().url}/sdk/herald.js"></script>
        <script>herald.load(${JSON.stringify(w.ws.writeKey)}, { anonymousInApp: true,
          inbox: { launcher: { label: 'Updates', accent: '#0a7' } } }); herald.page();</script>
        </head><body><h1>Shop</h1></body></html>`,
      ),
    );
    const bell = page.locator('herald-inbox .bell');
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Updates, 2 unread');
    expect(await page.locator('herald-inbox .badge').textContent()).toBe('2');

    await bell.focus();
    await page.keyboard.press('Enter');
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const titles = page.locator('herald-inbox .item .title');
    expect(await titles.allTextContents()).toEqual(['Newest news', 'Older news']);
    // Focus starts on the newest item; the arrow keys move through the list.
    await page.keyboard.press('ArrowDown');
    expect(
      await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent),
    ).toContain('Older news');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const { frame } = await h.frameOf(page, newest);
    expect(await frame.textContent('h2')).toBe('Newest news');
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Updates, 1 unread');
    // Opened in the inbox: a view, and an inbox opening, in the message's figures.
    await expect.poll(async () => (await w.client.metrics(newest)).inbox.opens, WAIT).toBe(1);

    // Escape goes back to the list, then closes the panel and gives focus back to the bell.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await h.frames(page)).length, WAIT).toBe(0);
    await page.keyboard.press('Escape');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');

    await bell.click();
    await page.locator('herald-inbox .archive').first().click();
    await expect.poll(() => titles.allTextContents(), WAIT).toEqual(['Older news']);
    await page.locator('herald-inbox .all').click();
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Updates');
    expect(await page.locator('herald-inbox .badge').isHidden()).toBe(true);
    await h.context.close();
  });

  it('mounts the launcher into an element of the page on demand', async () => {
    const w = await h.workspace();
    await w.launch(item('In the menu', 'menu'));
    await w.launch(item('Elsewhere', 'other'));
    const page = await open(
      w,
      `herald.page(); document.addEventListener('DOMContentLoaded', function () {
        herald.inbox.mount('#menu', { topic: 'menu' });
      });`,
      undefined,
      '<nav id="menu">Menu</nav>',
    );
    const bell = page.locator('#menu herald-inbox .bell');
    await expect.poll(() => bell.getAttribute('aria-label'), WAIT).toBe('Inbox, 1 unread');
    await bell.click();
    expect(await page.locator('#menu herald-inbox .item .title').allTextContents()).toEqual([
      'In the menu',
    ]);
    await h.context.close();
  });
});
