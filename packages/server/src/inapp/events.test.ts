import type { DeliveredMessage } from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody, type TestVisitor } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('in-app events, frequency, metrics and goals', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  beforeAll(async () => {
    ws = await server().createWorkspace('Events', { inApp: { enabled: true, anonymous: true } });
    inApp = inAppClient(server(), ws);
  });

  const shown = async (visitor: TestVisitor, id: string): Promise<DeliveredMessage | undefined> =>
    (await inApp.messages(visitor)).messages.find((m) => m.id === id);

  it('shows a message at most maxViews times, across pages', async () => {
    const id = await inApp.launch(messageBody({ frequency: { maxViews: 2, cooldownSeconds: 0 } }));
    const visitor = { anonymousId: 'freq' };
    for (let page = 0; page < 2; page++) {
      const message = await shown(visitor, id);
      expect(message?.state.views).toBe(page);
      expect(
        (await inApp.report(visitor, [{ type: 'opened', deliveryId: message!.deliveryId }])).status,
      ).toBe(200);
    }
    expect(await shown(visitor, id)).toBeUndefined();
    // Another visitor is not affected.
    expect(await shown({ anonymousId: 'freq-2' }, id)).toBeDefined();
  });

  it('never shows a dismissed message again, even with show always', async () => {
    const id = await inApp.launch(
      messageBody({ frequency: { maxViews: null, cooldownSeconds: 0 } }),
    );
    const visitor = { anonymousId: 'dismiss' };
    const message = (await shown(visitor, id))!;
    await inApp.report(visitor, [
      { type: 'opened', deliveryId: message.deliveryId },
      { type: 'dismissed', deliveryId: message.deliveryId },
    ]);
    expect(await shown(visitor, id)).toBeUndefined();
  });

  it('sends the cooldown and the last view, for the SDK to wait', async () => {
    const id = await inApp.launch(
      messageBody({ frequency: { maxViews: null, cooldownSeconds: 3600 } }),
    );
    const visitor = { anonymousId: 'cool' };
    const first = (await shown(visitor, id))!;
    await inApp.report(visitor, [{ type: 'opened', deliveryId: first.deliveryId }]);
    const second = (await shown(visitor, id))!;
    expect(second.frequency.cooldownSeconds).toBe(3600);
    expect(second.state.views).toBe(1);
    expect(second.state.lastViewedAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('counts an event once however often it is reported', async () => {
    const id = await inApp.launch(messageBody());
    const visitor = { anonymousId: 'dup' };
    const message = (await shown(visitor, id))!;
    const event = { id: 'same-event-id', type: 'opened' as const, deliveryId: message.deliveryId };
    for (let i = 0; i < 3; i++) await inApp.report(visitor, [event]);
    expect((await inApp.metrics(id)).views).toBe(1);
  });

  it('refuses forged, foreign or malformed events and changes nothing', async () => {
    const id = await inApp.launch(messageBody());
    const alice = { anonymousId: 'alice' };
    const message = (await shown(alice, id))!;
    const cases: Array<[TestVisitor, object, string]> = [
      [
        { anonymousId: 'mallory' },
        { type: 'opened', deliveryId: message.deliveryId },
        'events.0.deliveryId',
      ],
      [
        alice,
        { type: 'opened', deliveryId: `${message.deliveryId.split('.')[0]}.forged` },
        'events.0.deliveryId',
      ],
      [alice, { type: 'opened' }, 'events.0.deliveryId'],
      [alice, { type: 'exploded', deliveryId: message.deliveryId }, 'events.0.type'],
      [alice, { type: 'action', deliveryId: message.deliveryId }, 'events.0.actionName'],
    ];
    for (const [visitor, event, field] of cases) {
      const response = await inApp.report(visitor, [event]);
      expect(response.status, JSON.stringify(event)).toBe(400);
      expect((await response.json()).error.field).toBe(field);
    }
    const other = await server().createWorkspace('Other', {
      inApp: { enabled: true, anonymous: true },
    });
    const foreign = await fetch(`${server().url}/v1/in-app/events`, {
      method: 'POST',
      body: JSON.stringify({
        writeKey: other.writeKey,
        ...alice,
        events: [{ id: 'x', type: 'opened', deliveryId: message.deliveryId }],
      }),
    });
    expect(foreign.status).toBe(400);
    expect((await inApp.metrics(id)).views).toBe(0);
  });

  it('reports views, unique viewers, dismissals, clicks per action and a series', async () => {
    const id = await inApp.launch(messageBody());
    for (const [anonymousId, actions] of [
      ['m1', ['buy', 'buy']],
      ['m2', ['later']],
      ['m3', []],
    ] as const) {
      const message = (await shown({ anonymousId }, id))!;
      await inApp.report({ anonymousId }, [
        { type: 'opened', deliveryId: message.deliveryId },
        ...actions.map((name) => ({
          type: 'action' as const,
          deliveryId: message.deliveryId,
          actionName: name,
          actionValue: '1',
        })),
        { type: 'changed', deliveryId: message.deliveryId, actionName: 'step-2' },
      ]);
    }
    const m1 = (await shown({ anonymousId: 'm1' }, id))!;
    await inApp.report({ anonymousId: 'm1' }, [
      { type: 'opened', deliveryId: m1.deliveryId },
      { type: 'dismissed', deliveryId: m1.deliveryId },
    ]);
    const metrics = await inApp.metrics(id);
    expect(metrics).toMatchObject({
      views: 4,
      uniqueViewers: 3,
      dismissals: 1,
      clicks: { buy: 2, later: 1 },
      conversions: 0,
      conversionRate: 0,
    });
    const hour = metrics.series.find((p: { views: number }) => p.views > 0);
    expect(hour).toMatchObject({ views: 4, clicks: 3, dismissals: 1 });
    const daily = await inApp.metrics(
      id,
      `?interval=day&from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
    );
    expect(daily.series.length).toBeGreaterThanOrEqual(7);
    expect(
      (await server().admin('GET', `/workspaces/${ws.id}/messages/${id}/metrics?interval=week`))
        .status,
    ).toBe(400);
    // The activity log shows what the person saw and did.
    const activity = await server().admin('GET', `/workspaces/${ws.id}/anonymous/m2/activity`);
    expect(activity.body.data.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['in-app:message-opened', 'in-app:message-action']),
    );
  });

  it('converts an anonymous clicker who is identified within the window, once per person', async () => {
    const id = await inApp.launch(messageBody({ goal: { criteria: 'click', windowDays: 7 } }));
    const viewOnly = await inApp.launch(messageBody({ name: 'not clicked' }));
    // The same person clicks on a laptop and on a phone, then logs in on both.
    for (const anonymousId of ['laptop', 'phone']) {
      const message = (await shown({ anonymousId }, id))!;
      const other = (await shown({ anonymousId }, viewOnly))!;
      await inApp.report({ anonymousId }, [
        { type: 'opened', deliveryId: message.deliveryId },
        { type: 'action', deliveryId: message.deliveryId, actionName: 'signup' },
        { type: 'opened', deliveryId: other.deliveryId },
      ]);
    }
    await server().track(ws.writeKey, '/v1/identify', {
      anonymousId: 'laptop',
      userId: 'convert-me',
    });
    await server().track(ws.writeKey, '/v1/identify', {
      anonymousId: 'phone',
      userId: 'convert-me',
    });
    // A visitor who only viewed converts to nothing on a click goal.
    const viewer = (await shown({ anonymousId: 'viewer' }, id))!;
    await inApp.report({ anonymousId: 'viewer' }, [
      { type: 'opened', deliveryId: viewer.deliveryId },
    ]);
    await server().track(ws.writeKey, '/v1/identify', {
      anonymousId: 'viewer',
      userId: 'just-looked',
    });

    const metrics = await inApp.metrics(id);
    expect(metrics.conversions).toBe(1);
    expect(metrics.uniqueViewers).toBe(3);
    expect(metrics.conversionRate).toBeCloseTo(1 / 3, 3);
    // Only messages the visitor actually clicked get the conversion.
    expect((await inApp.metrics(viewOnly)).conversions).toBe(0);
  });

  it('converts on view when the goal says so, and narrows by an event', async () => {
    const onView = await inApp.launch(messageBody({ goal: { criteria: 'view', windowDays: 7 } }));
    const withEvent = await inApp.launch(
      messageBody({ goal: { criteria: 'view', windowDays: 7, event: 'Subscribed' } }),
    );
    const visitor = { anonymousId: 'viewer-2' };
    for (const id of [onView, withEvent]) {
      const message = (await shown(visitor, id))!;
      await inApp.report(visitor, [{ type: 'opened', deliveryId: message.deliveryId }]);
    }
    await server().track(ws.writeKey, '/v1/identify', { ...visitor, userId: 'subscriber' });
    expect((await inApp.metrics(onView)).conversions).toBe(1);
    expect((await inApp.metrics(withEvent)).conversions).toBe(0);
    await server().track(ws.writeKey, '/v1/track', { userId: 'subscriber', event: 'Subscribed' });
    expect((await inApp.metrics(withEvent)).conversions).toBe(1);
  });

  it('sends a test to one person regardless of targeting, once', async () => {
    const id = await inApp.create(
      messageBody({
        audience: { type: 'identified' },
        pageRules: { include: [{ op: 'equals', value: 'Nowhere' }], exclude: [] },
      }),
    );
    await server().track(ws.writeKey, '/v1/identify', {
      userId: 'tester',
      traits: { email: 'Tester@Example.com' },
    });
    const byEmail = await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, {
      email: 'tester@example.com',
    });
    expect(byEmail.status).toBe(202);
    expect(byEmail.body).toMatchObject({ queued: true, userId: 'tester' });
    const message = (await shown({ userId: 'tester' }, id))!;
    expect(message).toMatchObject({ test: true, pageRules: { include: [], exclude: [] } });
    expect(await shown({ userId: 'someone-else' }, id)).toBeUndefined();
    await inApp.report({ userId: 'tester' }, [{ type: 'opened', deliveryId: message.deliveryId }]);
    expect(await shown({ userId: 'tester' }, id)).toBeUndefined();
    // Tests are not counted in the message's figures.
    expect((await inApp.metrics(id)).views).toBe(0);
    const unknown = await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, {
      email: 'nobody@x.io',
    });
    expect(unknown.status).toBe(404);
    const neither = await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, {});
    expect(neither.status).toBe(400);
  });
});
