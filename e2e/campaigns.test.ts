import type { DeliveryResponse } from '@herald/protocol';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { messageBody } from '../packages/server/src/test-support/inapp.js';
import { describeInChromium } from './support/browser.js';
import { type InAppWorkspace, useInAppHarness, WAIT } from './support/inapp-harness.js';

// Campaigns, broadcasts and caps end to end, for identified people: set up through the admin
// API, triggered by a backend's tracking call, seen in Chromium by the person's open page.

/** The messages in the latest answer the page's SDK got for `userId`, and the query it sent. */
function answers(page: Page, userId: string) {
  let seq = 0;
  let applied = 0;
  const latest: { ids?: string[]; query?: URLSearchParams } = {};
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== '/v1/in-app/messages' || url.searchParams.get('userId') !== userId) {
      return;
    }
    const mine = ++seq;
    try {
      const body = (await response.json()) as DeliveryResponse;
      // Bodies are read concurrently: an older answer never replaces a newer one.
      if (mine < applied) return;
      applied = mine;
      latest.ids = body.messages.map((m) => m.id);
      latest.query = url.searchParams;
    } catch {
      // A 304 revalidation: the answer did not change.
    }
  });
  return {
    ids: () => latest.ids,
    sessionStartedAt: () => Number(latest.query?.get('sessionStartedAt')),
    /** Forgets the latest answer, to wait for the next one (a new page). */
    reset: () => void (latest.ids = latest.query = undefined),
  };
}

describeInChromium(
  'campaigns, broadcasts and caps: tracking call to message on screen',
  (browser) => {
    const h = useInAppHarness(browser);

    const admin = (w: InAppWorkspace, method: string, path: string, body?: unknown) =>
      h.server().admin(method, `/workspaces/${w.ws.id}${path}`, body);
    /** A message for identified people, kept a draft: it goes out only through a queue. */
    const draft = (w: InAppWorkspace, name: string, overrides: object = {}) =>
      w.client.create(messageBody({ name, audience: { type: 'identified' }, ...overrides }));
    /** A host page for `userId`: the SDK identifies them and records the page. */
    const personPage = (w: InAppWorkspace, path: string, userId: string) =>
      h.hostPage(path, w, {
        then: `herald.identify(${JSON.stringify(userId)}); herald.page();`,
      });
    const identify = (w: InAppWorkspace, userId: string, traits: object) =>
      h.server().track(w.ws.writeKey, '/v1/identify', { userId, traits });
    /** A segment of people whose trait `beta` is true, with `members` in it (and only them). */
    const betaSegment = async (w: InAppWorkspace, members: string[], others: string[]) => {
      const created = await admin(w, 'POST', '/segments', {
        name: 'Beta',
        conditions: { conditions: [{ type: 'trait', trait: 'beta', op: 'equals', value: true }] },
      });
      expect(created.status).toBe(201);
      for (const user of members) await identify(w, user, { beta: true });
      for (const user of others) await identify(w, user, { beta: false });
      await expect
        .poll(async () => {
          const listed = (await admin(w, 'GET', `/segments/${created.body.id}/members`)).body;
          return (listed.data as Array<{ userId: string }>).map((m) => m.userId).sort();
        }, WAIT)
        .toEqual([...members].sort());
      return created.body.id as string;
    };
    const broadcast = async (w: InAppWorkspace, messageId: string, segmentId: string) => {
      const created = await admin(w, 'POST', '/broadcasts', { messageId, segmentId });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      // The job runner sends it on its own, within a poll of the jobs table.
      await expect
        .poll(async () => (await admin(w, 'GET', `/broadcasts/${id}`)).body.status, WAIT)
        .toBe('sent');
      return id;
    };

    it('an event tracked by a backend puts its campaign message on the open page, live', async () => {
      const w = await h.workspace();
      const messageId = await draft(w, 'Thanks', {
        display: { type: 'overlay', position: 'bottom-right' },
        steps: [{ name: 'main', html: '<p id="thanks">Thanks! You spent {{event.total}}.</p>' }],
      });
      const campaign = await admin(w, 'POST', '/campaigns', {
        name: 'After a big order',
        messageId,
        trigger: {
          type: 'event',
          event: 'Order Completed',
          where: [{ property: 'total', op: 'greater_than', value: 100 }],
        },
      });
      expect(campaign.status).toBe(201);

      const page = await h.newPage();
      const answer = answers(page, 'ann');
      // The stream is registered with the server once its response has started.
      const streaming = page.waitForResponse(
        (r) => r.url().includes('/v1/in-app/stream') && r.url().includes('userId=ann'),
        WAIT,
      );
      await page.goto(personPage(w, '/orders', 'ann'));
      await streaming;
      await expect.poll(answer.ids, WAIT).toEqual([]);
      let loads = 0;
      page.on('load', () => loads++);

      // The shop's backend, not the browser: plain HTTP with the write key as Basic-auth user.
      const tracked = await fetch(`${h.server().url}/v1/track`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${w.ws.writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          userId: 'ann',
          event: 'Order Completed',
          properties: { total: 142 },
        }),
      });
      expect(tracked.status).toBe(200);

      const { frame } = await h.frameOf(page, messageId);
      await expect.poll(() => frame.textContent('#thanks')).toBe('Thanks! You spent 142.');
      // Pushed to the page as it was (a stream hint, then a fetch): no reload, no page() call.
      expect(loads).toBe(0);
      await h.waitForEvent(page, 'in-app:message-opened');
      await expect
        .poll(
          async () => (await admin(w, 'GET', `/campaigns/${campaign.body.id}`)).body.figures,
          WAIT,
        )
        .toMatchObject({ sent: 1, opened: 1 });
      await h.context.close();
    });

    it("a broadcast to a segment shows at a member's next page, never to a non-member", async () => {
      const w = await h.workspace();
      const segmentId = await betaSegment(w, ['mia'], ['ned']);
      const news = await draft(w, 'Beta news', {
        pageRules: { include: [{ op: 'contains', value: '/app/' }], exclude: [] },
        steps: [{ name: 'main', html: '<h2 id="news">Beta news</h2>' }],
      });
      // Shown to every identified person, in another slot: once it is on screen, the SDK has
      // decided with an answer that would hold the broadcast too.
      const marker = await w.launch({
        name: 'Marker',
        audience: { type: 'identified' },
        display: { type: 'overlay', position: 'bottom-left' },
        steps: [{ name: 'main', html: '<h2>Marker</h2>' }],
      });
      const id = await broadcast(w, news, segmentId);

      const member = await h.newPage();
      await member.goto(personPage(w, '/app/home', 'mia'));
      const { frame } = await h.frameOf(member, news);
      expect(await frame.textContent('#news')).toBe('Beta news');
      await h.waitForEvent(member, 'in-app:message-opened');

      const outsider = await h.newPage();
      const answer = answers(outsider, 'ned');
      await outsider.goto(personPage(w, '/app/home', 'ned'));
      await h.frameOf(outsider, marker);
      expect((await h.frames(outsider)).map((f) => f.messageId)).toEqual([marker]);
      // The answer that brought the marker did not hold the broadcast.
      await expect.poll(answer.ids, WAIT).toContain(marker);
      expect(answer.ids()).not.toContain(news);

      await expect
        .poll(async () => (await admin(w, 'GET', `/broadcasts/${id}`)).body.figures, WAIT)
        .toMatchObject({ sent: 1, opened: 1 });
      await h.context.close();
    });

    it('stopping a broadcast withdraws it from a member who had not opened it', async () => {
      const w = await h.workspace();
      const segmentId = await betaSegment(w, ['max'], []);
      const news = await draft(w, 'Inbox news', {
        pageRules: { include: [{ op: 'contains', value: '/app/inbox' }], exclude: [] },
        steps: [{ name: 'main', html: '<h2>Inbox news</h2>' }],
      });
      const marker = await w.launch({
        name: 'Inbox marker',
        audience: { type: 'identified' },
        pageRules: { include: [{ op: 'contains', value: '/app/inbox' }], exclude: [] },
        display: { type: 'overlay', position: 'bottom-left' },
        steps: [{ name: 'main', html: '<h2>Marker</h2>' }],
      });
      const id = await broadcast(w, news, segmentId);

      // Max is elsewhere on the site: the broadcast is in the SDK's hands, waiting for its page.
      const page = await h.newPage();
      const answer = answers(page, 'max');
      await page.goto(personPage(w, '/app/home', 'max'));
      await expect.poll(answer.ids, WAIT).toContain(news);
      expect(await h.frames(page)).toEqual([]);

      const stopped = await admin(w, 'POST', `/broadcasts/${id}/stop`);
      expect(stopped.body).toMatchObject({ status: 'stopped', figures: { sent: 1, withdrawn: 1 } });
      // The open page hears of it over the stream and fetches its messages again.
      await expect.poll(answer.ids, WAIT).not.toContain(news);
      await page.evaluate(() => {
        history.pushState(null, '', '/app/inbox');
        window.herald.page();
      });
      await h.frameOf(page, marker);
      expect((await h.frames(page)).map((f) => f.messageId)).toEqual([marker]);
      await h.context.close();
    });

    it('caps per session: a second message waits for the next session', async () => {
      const w = await h.workspace();
      const patched = await h.server().admin('PATCH', `/workspaces/${w.ws.id}`, {
        inApp: { caps: { perSession: 1, perDay: null } },
      });
      expect(patched.status).toBe(200);
      // Two slots, so that only the cap keeps the second one back; the first is shown once.
      const first = await w.launch({
        name: 'First',
        priority: 1,
        audience: { type: 'identified' },
        frequency: { maxViews: 1, cooldownSeconds: 0 },
        steps: [{ name: 'main', html: '<h2>First</h2>' }],
      });
      const second = await w.launch({
        name: 'Second',
        priority: 2,
        audience: { type: 'identified' },
        display: { type: 'overlay', position: 'bottom-right' },
        steps: [{ name: 'main', html: '<h2>Second</h2>' }],
      });

      const page = await h.newPage();
      const answer = answers(page, 'cap');
      await page.goto(personPage(w, '/one', 'cap'));
      await h.frameOf(page, first);
      await h.waitForEvent(page, 'in-app:message-opened');
      await expect.poll(answer.ids, WAIT).toBeDefined();
      expect(answer.ids()).not.toContain(second);
      const session = answer.sessionStartedAt();
      const stored = () => page.evaluate(() => localStorage.getItem('herald_session'));
      expect(Number((await stored())!.split(' ')[0])).toBe(session);
      await expect.poll(async () => (await w.client.metrics(first)).views, WAIT).toBe(1);

      // The next page, same session: the first is used up and the cap keeps the second back.
      answer.reset();
      await page.goto(personPage(w, '/two', 'cap'));
      await expect.poll(answer.ids, WAIT).toEqual([]);
      expect(answer.sessionStartedAt()).toBe(session);
      expect(await h.frames(page)).toEqual([]);

      // 31 minutes without activity, as if the visitor had left: the next page() begins a session.
      await page.evaluate(() => {
        const [start, last] = localStorage.getItem('herald_session')!.split(' ').map(Number);
        const idle = 31 * 60_000;
        localStorage.setItem('herald_session', `${start! - idle} ${last! - idle}`);
        window.herald.page();
      });
      await h.frameOf(page, second);
      expect(answer.sessionStartedAt()).toBeGreaterThan(session);
      await expect.poll(answer.ids, WAIT).toEqual([second]);
      await h.context.close();
    });
  },
);
