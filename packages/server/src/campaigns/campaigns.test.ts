import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';
import { BUILD_SETTLE_MS } from './segment-jobs.js';

const DAY = 86_400_000;

describeEachDialect('campaigns', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  const identify = (userId: string, traits: object) =>
    server().track(ws.writeKey, '/v1/identify', { userId, traits });
  const track = (userId: string, event: string, properties: object = {}) =>
    server().track(ws.writeKey, '/v1/track', { userId, event, properties });
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const segment = async (name: string, conditions: object) => {
    const created = await admin('POST', '/segments', { name, conditions });
    expect(created.status).toBe(201);
    // Builds that count events start once every node has the new rules (BUILD_SETTLE_MS).
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    return created.body.id as string;
  };
  const members = async (id: string) =>
    ((await admin('GET', `/segments/${id}/members`)).body.data as Array<{ userId: string }>)
      .map((m) => m.userId)
      .sort();
  const shown = async (userId: string) => (await inApp.messages({ userId })).messages;

  beforeAll(async () => {
    ws = await server().createWorkspace('Campaigns', { inApp: { enabled: true } });
    inApp = inAppClient(server(), ws);
  });

  describe('segments', () => {
    it('builds membership for people already there, then follows identify calls', async () => {
      await identify('ann', { plan: 'pro' });
      const pro = await segment('Pro', {
        match: 'all',
        conditions: [{ type: 'trait', trait: 'plan', op: 'equals', value: 'pro' }],
      });
      expect(await members(pro)).toEqual(['ann']);
      await identify('bob', { plan: 'pro' });
      await identify('ann', { plan: 'free' });
      expect(await members(pro)).toEqual(['bob']);
      expect((await admin('GET', `/segments/${pro}`)).body.members).toBe(1);
      const activity = (await admin('GET', '/people/ann/activity')).body.data as Array<{
        type: string;
        name?: string;
        properties?: { segmentId: string };
      }>;
      const moves = activity.filter((e) => e.type === 'segment').map((e) => e.name);
      expect(moves).toEqual(['left segment', 'entered segment']);
    });

    it('counts events with property filters in a window, without reading events', async () => {
      const big = await segment('Big spenders', {
        match: 'any',
        conditions: [
          {
            type: 'event',
            event: 'Order Completed',
            atLeast: 2,
            withinDays: 7,
            where: [{ property: 'total', op: 'greater_than', value: 100 }],
          },
        ],
      });
      await identify('cat', {});
      await track('cat', 'Order Completed', { total: 150 });
      await track('cat', 'Order Completed', { total: 20 });
      expect(await members(big)).toEqual([]);
      await track('cat', 'Order Completed', { total: 500 });
      expect(await members(big)).toEqual(['cat']);
    });

    it('refuses bad conditions with the field named', async () => {
      const bad = await admin('POST', '/segments', {
        name: 'x',
        conditions: { conditions: [{ type: 'trait', trait: 'a', op: 'nope' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('conditions.conditions.0.op');
    });

    it('delivers a message with audience.segment to members only', async () => {
      const vip = await segment('VIP', {
        conditions: [{ type: 'trait', trait: 'vip', op: 'equals', value: true }],
      });
      await identify('vip1', { vip: true });
      await identify('notvip', { vip: false });
      const id = await inApp.launch(
        messageBody({ name: 'VIP only', audience: { type: 'identified', segment: vip } }),
      );
      expect((await shown('vip1')).map((m) => m.id)).toContain(id);
      expect((await shown('notvip')).map((m) => m.id)).not.toContain(id);
      await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/archive`);
    });
  });

  describe('broadcasts', () => {
    let audience: string;
    let messageId: string;
    beforeAll(async () => {
      audience = await segment('Beta', {
        conditions: [{ type: 'trait', trait: 'beta', op: 'equals', value: true }],
      });
      for (const user of ['b1', 'b2', 'b3']) await identify(user, { beta: true });
      messageId = await inApp.create(
        messageBody({
          name: 'Beta news',
          audience: { type: 'identified' },
          pageRules: { include: [{ op: 'contains', value: '/app' }], exclude: [] },
        }),
      );
    });

    it('sends now to every member, with page rules and an expiry; stop withdraws the unopened', async () => {
      const created = await admin('POST', '/broadcasts', { messageId, segmentId: audience });
      expect(created.status).toBe(201);
      await server().app.jobs.runDue();
      const [message] = (await shown('b1')).filter((m) => m.id === messageId);
      expect(message).toBeDefined();
      expect(message!.test).toBe(false);
      expect(message!.pageRules.include).toHaveLength(1);
      expect(message!.endAt).toBeGreaterThan(Date.now() + 29 * DAY);
      expect(message!.endAt).toBeLessThanOrEqual(Date.now() + 30 * DAY);
      expect((await shown('outsider')).map((m) => m.id)).not.toContain(messageId);

      const opened = await inApp.report({ userId: 'b1' }, [
        { type: 'opened', deliveryId: message!.deliveryId },
      ]);
      expect(opened.status).toBe(200);
      const stopped = await admin('POST', `/broadcasts/${created.body.id}/stop`);
      expect(stopped.body.status).toBe('stopped');
      expect(stopped.body.figures).toMatchObject({ sent: 3, opened: 1, withdrawn: 2 });
      expect((await shown('b2')).map((m) => m.id)).not.toContain(messageId);
      // Opened before the stop: it stays with its person, per the message's frequency.
      expect((await shown('b1')).map((m) => m.id)).toContain(messageId);
      // The job ran once: running it again sends nothing more.
      expect(await server().app.jobs.runDue()).toBe(0);
    });

    it('sends at the set time, and the entries expire', async () => {
      const sendAt = Date.now() + 3_600_000;
      const created = await admin('POST', '/broadcasts', {
        messageId,
        segmentId: audience,
        sendAt: new Date(sendAt).toISOString(),
        expiresDays: 1,
      });
      expect(created.body.status).toBe('scheduled');
      await server().app.jobs.runDue();
      expect((await admin('GET', `/broadcasts/${created.body.id}`)).body.figures.sent).toBe(0);
      await server().app.jobs.runDue(sendAt + 1);
      const sent = (await admin('GET', `/broadcasts/${created.body.id}`)).body;
      expect(sent).toMatchObject({ status: 'sent', figures: { sent: 3 } });
      const store = server().store;
      const queue = await store.messageStates.queueOf(ws.id, 'u:b3', Date.now());
      expect(queue.map((q) => q.messageId)).toContain(messageId);
      expect(await store.messageStates.queueOf(ws.id, 'u:b3', sendAt + 2 * DAY)).toEqual([]);
    });
  });

  describe('event-triggered campaigns', () => {
    it('queues the message at once with the event in Liquid, filters passing', async () => {
      const messageId = await inApp.create(
        messageBody({
          name: 'Thanks',
          audience: { type: 'identified' },
          steps: [
            { name: 'main', html: '<p>Thanks {{customer.name}}, you spent {{event.total}}</p>' },
          ],
        }),
      );
      const created = await admin('POST', '/campaigns', {
        name: 'After order',
        messageId,
        trigger: {
          type: 'event',
          event: 'Checkout',
          where: [{ property: 'total', op: 'greater_than', value: 10 }],
        },
      });
      expect(created.status).toBe(201);
      await identify('dan', { name: 'Dan' });
      await track('dan', 'Checkout', { total: 5 });
      expect((await shown('dan')).map((m) => m.id)).not.toContain(messageId);
      await track('dan', 'Checkout', { total: 42 });
      const message = (await shown('dan')).find((m) => m.id === messageId);
      expect(message?.steps[0]!.html).toBe('<p>Thanks Dan, you spent 42</p>');
      const figures = (await admin('GET', `/campaigns/${created.body.id}`)).body.figures;
      expect(figures.sent).toBe(1);
    });

    it('waits for the delay in a durable job; a stopped campaign sends nothing more', async () => {
      const messageId = await inApp.create(
        messageBody({ name: 'Later', audience: { type: 'identified' } }),
      );
      const created = await admin('POST', '/campaigns', {
        name: 'A day later',
        messageId,
        trigger: { type: 'event', event: 'Signed Up' },
        delaySeconds: 86_400,
      });
      await identify('eve', {});
      await identify('fay', {});
      await track('eve', 'Signed Up');
      await track('fay', 'Signed Up');
      await server().app.jobs.runDue();
      expect((await shown('eve')).map((m) => m.id)).not.toContain(messageId);
      await server().app.jobs.runDue(Date.now() + DAY + 1000);
      expect((await shown('eve')).map((m) => m.id)).toContain(messageId);

      await track('eve', 'Signed Up');
      await admin('POST', `/campaigns/${created.body.id}/stop`);
      await server().app.jobs.runDue(Date.now() + DAY + 1000);
      expect((await admin('GET', `/campaigns/${created.body.id}`)).body.figures).toMatchObject({
        sent: 2,
        withdrawn: 2,
      });
    });

    it('fires on entering a segment', async () => {
      const trial = await segment('Trial', {
        conditions: [{ type: 'trait', trait: 'plan', op: 'equals', value: 'trial' }],
      });
      const messageId = await inApp.create(
        messageBody({ name: 'Welcome to the trial', audience: { type: 'identified' } }),
      );
      await admin('POST', '/campaigns', {
        name: 'Trial welcome',
        messageId,
        trigger: { type: 'segment_entered', segmentId: trial },
      });
      await identify('gus', { plan: 'trial' });
      expect((await shown('gus')).map((m) => m.id)).toContain(messageId);
    });
  });

  describe('caps and goals', () => {
    it('caps messages per visitor per day', async () => {
      const capped = await server().createWorkspace('Capped', { inApp: { enabled: true } });
      await server().admin('PATCH', `/workspaces/${capped.id}`, { inApp: { caps: { perDay: 1 } } });
      const client = inAppClient(server(), capped);
      const first = await client.launch(
        messageBody({ name: 'one', priority: 1, audience: { type: 'identified' } }),
      );
      const second = await client.launch(
        messageBody({ name: 'two', priority: 2, audience: { type: 'identified' } }),
      );
      const before = (await client.messages({ userId: 'hal' })).messages;
      expect(before.map((m) => m.id)).toEqual([first]);
      await client.report({ userId: 'hal' }, [
        { type: 'opened', deliveryId: before[0]!.deliveryId },
      ]);
      await client.report({ userId: 'hal' }, [
        { type: 'dismissed', deliveryId: before[0]!.deliveryId },
      ]);
      // One shown today: the second waits for tomorrow.
      expect((await client.messages({ userId: 'hal' })).messages.map((m) => m.id)).toEqual([]);
      expect(second).toBeDefined();
      const workspace = await server().admin('GET', `/workspaces/${capped.id}`);
      expect(workspace.body.inApp.caps).toEqual({ perSession: null, perDay: 1 });
    });

    it('converts on entering a segment within the window after a click', async () => {
      const paid = await segment('Paid', {
        conditions: [{ type: 'trait', trait: 'paid', op: 'equals', value: true }],
      });
      const id = await inApp.launch(
        messageBody({
          name: 'Upgrade',
          audience: { type: 'identified' },
          goal: { criteria: 'click', windowDays: 7, segment: { id: paid, on: 'enter' } },
        }),
      );
      const message = (await shown('ivy')).find((m) => m.id === id)!;
      await inApp.report({ userId: 'ivy' }, [
        { type: 'action', actionName: 'ok', deliveryId: message.deliveryId },
      ]);
      await identify('ivy', { paid: true });
      expect((await inApp.metrics(id)).conversions).toBe(1);
    });

    it('converts on leaving a segment within the window after a view', async () => {
      const trial = await segment('On trial', {
        conditions: [{ type: 'trait', trait: 'trial', op: 'equals', value: true }],
      });
      await identify('kim', { trial: true });
      const id = await inApp.launch(
        messageBody({
          name: 'Trial ending',
          audience: { type: 'identified' },
          goal: { criteria: 'view', windowDays: 7, segment: { id: trial, on: 'leave' } },
        }),
      );
      const message = (await shown('kim')).find((m) => m.id === id)!;
      await inApp.report({ userId: 'kim' }, [{ type: 'opened', deliveryId: message.deliveryId }]);
      // Still a member, or entering another segment: no conversion.
      await identify('kim', { trial: true, paid: true });
      expect((await inApp.metrics(id)).conversions).toBe(0);
      await identify('kim', { trial: false });
      expect((await inApp.metrics(id)).conversions).toBe(1);
      // Someone who left without having seen it does not count.
      await identify('lou', { trial: true });
      await identify('lou', { trial: false });
      expect((await inApp.metrics(id)).conversions).toBe(1);
    });
  });
});
