import type { InteractionCondition } from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { BUILD_SETTLE_MS } from '../campaigns/segment-jobs.js';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody, type TestVisitor } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('earlier interactions as targeting', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  beforeAll(async () => {
    ws = await server().createWorkspace('Interactions', {
      inApp: { enabled: true, anonymous: true },
    });
    inApp = inAppClient(server(), ws);
  });
  const ids = async (visitor: TestVisitor) =>
    (await inApp.messages(visitor)).messages.map((m) => m.id);
  const did = async (visitor: TestVisitor, messageId: string, type: string, extra = {}) => {
    const message = (await inApp.messages(visitor)).messages.find((m) => m.id === messageId)!;
    expect(message, `message ${messageId} for ${JSON.stringify(visitor)}`).toBeDefined();
    const response = await inApp.report(visitor, [
      { type: type as 'opened', deliveryId: message.deliveryId, ...extra },
    ]);
    expect(response.status).toBe(200);
  };
  const follows = (
    interactions: InteractionCondition[],
    type: 'anonymous' | 'identified' = 'anonymous',
  ) =>
    inApp.launch(
      messageBody({
        name: 'Follow-up',
        audience: { type, interactions },
        pageRules: { include: [{ op: 'contains', value: '/follow-up' }], exclude: [] },
      }),
    );

  it('refuses conditions that cannot work, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ messageId: 'msg_x', interaction: 'liked' }], 'audience.interactions.0.interaction'],
      [[{ interaction: 'seen' }], 'audience.interactions.0.messageId'],
      [
        [{ messageId: 'msg_x', interaction: 'seen', withinDays: 0 }],
        'audience.interactions.0.withinDays',
      ],
      [
        [{ type: 'trait', messageId: 'msg_x', interaction: 'seen' }],
        'audience.interactions.0.type',
      ],
      ['seen', 'audience.interactions'],
    ];
    for (const [interactions, field] of cases) {
      const response = await admin(
        'POST',
        '/messages',
        messageBody({ audience: { type: 'anonymous', interactions } as never }),
      );
      expect(response.status, field).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
    const segment = await admin('POST', '/segments', {
      name: 'Bad',
      conditions: { conditions: [{ type: 'message', messageId: 'msg_x', interaction: 'read' }] },
    });
    expect(segment.status).toBe(400);
    expect(segment.body.error.field).toBe('conditions.conditions.0.interaction');
  });

  it('shows an anonymous follow-up only after the first message was seen, or clicked', async () => {
    const first = await inApp.launch(messageBody({ name: 'Welcome' }));
    const seen = await follows([{ type: 'message', messageId: first, interaction: 'seen' }]);
    const clicked = await follows([
      { type: 'message', messageId: first, interaction: 'clicked', withinDays: 7 },
    ]);
    const visitor = { anonymousId: 'anon-follow' };
    expect(await ids(visitor)).not.toContain(seen);
    await did(visitor, first, 'opened');
    expect(await ids(visitor)).toContain(seen);
    expect(await ids(visitor)).not.toContain(clicked);
    await did(visitor, first, 'action', { actionName: 'ok' });
    expect(await ids(visitor)).toContain(clicked);
    // Another visitor's interactions are not theirs.
    expect(await ids({ anonymousId: 'anon-other' })).not.toContain(seen);
  });

  it('"has not": stops once the visitor dismissed it', async () => {
    const first = await inApp.launch(messageBody({ name: 'Survey' }));
    const reminder = await follows([
      { type: 'message', messageId: first, interaction: 'dismissed', negate: true },
    ]);
    const visitor = { anonymousId: 'anon-not' };
    expect(await ids(visitor)).toContain(reminder);
    await did(visitor, first, 'dismissed');
    expect(await ids(visitor)).not.toContain(reminder);
  });

  it('counts what a person did before signing up, and their conversions', async () => {
    const teaser = await inApp.launch(
      messageBody({ name: 'Teaser', goal: { criteria: 'view', windowDays: 7, event: 'Bought' } }),
    );
    const saw = await follows(
      [{ type: 'message', messageId: teaser, interaction: 'seen', withinDays: 30 }],
      'identified',
    );
    const converted = await follows(
      [{ type: 'message', messageId: teaser, interaction: 'converted' }],
      'identified',
    );
    const browser = { anonymousId: 'anon-before' };
    await did(browser, teaser, 'opened');
    await server().track(ws.writeKey, '/v1/identify', {
      anonymousId: 'anon-before',
      userId: 'signed-up',
    });
    const person = { anonymousId: 'anon-before', userId: 'signed-up' };
    expect(await ids(person)).toContain(saw);
    expect(await ids(person)).not.toContain(converted);
    await server().track(ws.writeKey, '/v1/track', { userId: 'signed-up', event: 'Bought' });
    expect(await ids(person)).toContain(converted);
    // Somebody else who signed up without seeing it gets neither.
    await server().track(ws.writeKey, '/v1/identify', { userId: 'never-saw' });
    expect(await ids({ userId: 'never-saw' })).not.toContain(saw);
  });

  it('segments say it too: a person enters when they click, and a message follows them', async () => {
    const offer = await inApp.launch(
      messageBody({ name: 'Offer', audience: { type: 'identified' } }),
    );
    const created = await admin('POST', '/segments', {
      name: 'Clicked the offer',
      conditions: {
        conditions: [{ type: 'message', messageId: offer, interaction: 'clicked', withinDays: 30 }],
      },
    });
    expect(created.status).toBe(201);
    const segment = created.body.id as string;
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    const upsell = await inApp.launch(
      messageBody({ name: 'Upsell', audience: { type: 'identified', segment } }),
    );
    const members = async () =>
      ((await admin('GET', `/segments/${segment}/members`)).body.data as Array<{ userId: string }>)
        .map((m) => m.userId)
        .sort();
    for (const userId of ['clicker', 'looker']) {
      await server().track(ws.writeKey, '/v1/identify', { userId });
    }
    await did({ userId: 'looker' }, offer, 'opened');
    await did({ userId: 'clicker' }, offer, 'action', { actionName: 'ok' });
    await expect.poll(members).toEqual(['clicker']);
    expect(await ids({ userId: 'clicker' })).toContain(upsell);
    expect(await ids({ userId: 'looker' })).not.toContain(upsell);
  });
});
