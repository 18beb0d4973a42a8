import type { DeliveredMessage, InAppEventInput } from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { BUILD_SETTLE_MS } from '../campaigns/segment-jobs.js';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody, type TestVisitor } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('the inbox', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  beforeAll(async () => {
    ws = await server().createWorkspace('Inbox', { inApp: { enabled: true, anonymous: true } });
    inApp = inAppClient(server(), ws);
  });
  const inbox = async (visitor: TestVisitor) =>
    (await inApp.messages(visitor)).messages.filter((m) => m.inbox);
  const find = async (visitor: TestVisitor, id: string) =>
    (await inApp.messages(visitor)).messages.find((m) => m.id === id);
  const report = async (
    visitor: TestVisitor,
    message: DeliveredMessage,
    type: InAppEventInput['type'],
    extra: Partial<InAppEventInput> = {},
  ) => {
    const response = await inApp.report(visitor, [
      { type, deliveryId: message.deliveryId, ...extra },
    ]);
    expect(response.status, await response.clone().text()).toBe(200);
  };

  it('refuses inbox settings that cannot work, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ inbox: { topic: 7 } }, 'inbox.topic'],
      [{ inbox: { title: 'x'.repeat(201) } }, 'inbox.title'],
      [{ inbox: { expiresAt: 'next week' } }, 'inbox.expiresAt'],
      [{ inbox: { colour: 'red' } }, 'inbox.colour'],
      [
        {
          display: { type: 'inbox' },
          steps: [{ name: 'main', html: 'Hi', display: { type: 'modal' } }],
        },
        'steps.0.display.type',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await admin('POST', '/messages', { ...messageBody(), ...body });
      expect(response.status, field).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
    const visitor = { anonymousId: 'bad-reporter' };
    const id = await inApp.launch(messageBody({ display: { type: 'inbox' } }));
    const message = (await find(visitor, id))!;
    const bad = await inApp.report(visitor, [
      { type: 'opened', deliveryId: message.deliveryId, surface: 'page' as 'inbox' },
    ]);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('events.0.surface');
    await admin('POST', `/messages/${id}/archive`);
  });

  it('keeps an inbox-only message in the inbox, unread until opened or marked read', async () => {
    const id = await inApp.launch(
      messageBody({
        name: 'Changelog',
        display: { type: 'inbox' },
        inbox: { topic: 'product', title: 'What is new' },
      }),
    );
    const visitor = { anonymousId: 'reader-1' };
    const message = (await find(visitor, id))!;
    expect(message).toMatchObject({
      inboxOnly: true,
      display: { type: 'inbox' },
      inbox: { topic: 'product', title: 'What is new', readAt: null, expiresAt: null },
    });
    expect(message.inbox!.at).toBeGreaterThan(Date.now() - 60_000);

    await report(visitor, message, 'read');
    const read = (await find(visitor, id))!;
    expect(read.inbox!.readAt).toBeGreaterThan(0);
    // Another visitor's item stays unread.
    expect((await find({ anonymousId: 'reader-2' }, id))!.inbox!.readAt).toBeNull();

    await report(visitor, message, 'archived');
    expect(await find(visitor, id)).toBeUndefined();
    expect(await find({ anonymousId: 'reader-2' }, id)).toBeDefined();
    const metrics = await inApp.metrics(id);
    expect(metrics.inbox).toEqual({ opens: 0, clicks: 0, reads: 1, archives: 1 });
    await admin('POST', `/messages/${id}/archive`);
  });

  it('keeps a shown message in the inbox after its dismissal, and counts what happens there', async () => {
    const id = await inApp.launch(
      messageBody({ name: 'Offer', frequency: { maxViews: 1, cooldownSeconds: 0 }, inbox: {} }),
    );
    const visitor = { anonymousId: 'keeper' };
    const message = (await find(visitor, id))!;
    expect(message.inboxOnly).toBeUndefined();
    expect(message.inbox).toMatchObject({ topic: null, readAt: null });

    // Seen on the page: read, and no longer for the page.
    await report(visitor, message, 'opened');
    await report(visitor, message, 'dismissed');
    const kept = (await find(visitor, id))!;
    expect(kept.inboxOnly).toBe(true);
    expect(kept.inbox!.readAt).toBeGreaterThan(0);

    // Opened and clicked again in the inbox.
    await report(visitor, kept, 'opened', { surface: 'inbox' });
    await report(visitor, kept, 'action', { surface: 'inbox', actionName: 'ok' });
    const metrics = await inApp.metrics(id);
    expect(metrics).toMatchObject({ views: 2, clicks: { ok: 1 }, dismissals: 1 });
    expect(metrics.inbox).toEqual({ opens: 1, clicks: 1, reads: 0, archives: 0 });
    await admin('POST', `/messages/${id}/archive`);
  });

  it('takes an item out of every inbox when it expires', async () => {
    const id = await inApp.launch(
      messageBody({
        display: { type: 'inbox' },
        inbox: { expiresAt: new Date(Date.now() + 1500).toISOString() },
      }),
    );
    const visitor = { anonymousId: 'expiry' };
    expect((await find(visitor, id))!.inbox!.expiresAt).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await find(visitor, id)).toBeUndefined();
    await admin('POST', `/messages/${id}/archive`);
  });

  it('keeps a test send in the tester’s inbox, read once opened, until archived', async () => {
    const id = await inApp.create(
      messageBody({ audience: { type: 'identified' }, display: { type: 'inbox' } }),
    );
    expect((await admin('POST', `/messages/${id}/test`, { userId: 'tester' })).status).toBe(202);
    const tester = { userId: 'tester' };
    const message = (await find(tester, id))!;
    expect(message).toMatchObject({ test: true, inboxOnly: true, inbox: { readAt: null } });
    await report(tester, message, 'opened', { surface: 'inbox' });
    expect((await find(tester, id))!.inbox!.readAt).toBeGreaterThan(0);
    await report(tester, message, 'archived');
    expect(await find(tester, id)).toBeUndefined();
    // A test counts nowhere.
    expect((await inApp.metrics(id)).inbox).toEqual({ opens: 0, clicks: 0, reads: 0, archives: 0 });
  });

  it('puts a broadcast in its members’ inboxes, from when it was sent', async () => {
    const created = await admin('POST', '/segments', {
      name: 'Inbox readers',
      conditions: { conditions: [{ type: 'trait', trait: 'reads', op: 'equals', value: true }] },
    });
    expect(created.status).toBe(201);
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    await server().track(ws.writeKey, '/v1/identify', {
      userId: 'member',
      traits: { reads: true },
    });
    const id = await inApp.create(
      messageBody({ audience: { type: 'identified' }, display: { type: 'inbox' } }),
    );
    const before = Date.now();
    const broadcast = await admin('POST', '/broadcasts', {
      messageId: id,
      segmentId: created.body.id,
    });
    expect(broadcast.status).toBe(201);
    await server().app.jobs.runDue();
    const items = await inbox({ userId: 'member' });
    const item = items.find((m) => m.id === id)!;
    expect(item).toMatchObject({ inboxOnly: true, test: false });
    expect(item.inbox!.at).toBeGreaterThanOrEqual(before - 1000);
    expect((await inbox({ userId: 'outsider' })).map((m) => m.id)).not.toContain(id);
  });

  it('merges read state when two userIds turn out to be one person (alias)', async () => {
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      ids.push(
        await inApp.launch(
          messageBody({
            audience: { type: 'identified' },
            display: { type: 'inbox' },
            inbox: { title, topic: 'merge' },
          }),
        ),
      );
    }
    const unread = async (userId: string) =>
      (await inbox({ userId })).filter((m) => m.inbox!.topic === 'merge' && !m.inbox!.readAt)
        .length;
    const mine = (await inbox({ userId: 'laptop-user' })).filter((m) => ids.includes(m.id));
    await report(
      { userId: 'laptop-user' },
      mine.find((m) => m.id === ids[0])!,
      'read',
    );
    const theirs = (await inbox({ userId: 'phone-user' })).filter((m) => ids.includes(m.id));
    await report(
      { userId: 'phone-user' },
      theirs.find((m) => m.id === ids[1])!,
      'read',
    );
    expect(await unread('laptop-user')).toBe(2);
    expect(await unread('phone-user')).toBe(2);

    for (const userId of ['laptop-user', 'phone-user']) {
      await server().track(ws.writeKey, '/v1/identify', { userId });
    }
    await server().track(ws.writeKey, '/v1/alias', {
      previousId: 'phone-user',
      userId: 'laptop-user',
    });
    // Read under either userId is read for the person, whichever userId they present.
    expect(await unread('laptop-user')).toBe(1);
    expect(await unread('phone-user')).toBe(1);
  });

  it('tells the visitor’s other pages at once when an item is read', async () => {
    const id = await inApp.launch(messageBody({ display: { type: 'inbox' } }));
    const visitor = { anonymousId: 'two-tabs' };
    const message = (await find(visitor, id))!;
    const controller = new AbortController();
    const stream = await fetch(inApp.streamUrl(visitor), { signal: controller.signal });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: hello')) text += decoder.decode((await reader.read()).value);
    await report(visitor, message, 'read');
    while (!text.includes('event: refresh')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect((await find(visitor, id))!.inbox!.readAt).not.toBeNull();
    await admin('POST', `/messages/${id}/archive`);
  });
});
