import type { DeliveredMessage } from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';
import { BUILD_SETTLE_MS } from './segment-jobs.js';

const DAY = 86_400_000;

/**
 * When alias merges profile A into profile B, what either did with messages is the merged
 * person's: their conversions, their message states (views, dismissals), their queued broadcast
 * and campaign entries. The merged person converts once per message, sees a dismissed message
 * no more, sees a queued entry as often as its frequency allows, and counts once in figures,
 * whichever of their userIds they present (the SDK's alias keeps the userId it had).
 */
describeEachDialect('in-app data across alias merges', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  const db = () => server().store.database.db;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const call = async (path: string, body: object) => {
    const response = await server().track(ws.writeKey, path, body);
    expect(response.status).toBe(200);
  };
  const alias = (previousId: string, userId: string) => call('/v1/alias', { previousId, userId });
  const shown = async (userId: string, id: string): Promise<DeliveredMessage | undefined> =>
    (await inApp.messages({ userId })).messages.find((m) => m.id === id);
  const report = async (userId: string, type: 'opened' | 'dismissed' | 'action', id: string) => {
    const message = await shown(userId, id);
    expect(message, `${id} is shown to ${userId}`).toBeDefined();
    const response = await inApp.report({ userId }, [
      { type, deliveryId: message!.deliveryId, ...(type === 'action' ? { actionName: 'ok' } : {}) },
    ]);
    expect(response.status).toBe(200);
  };
  const figures = async (path: string) => (await admin('GET', path)).body.figures;

  beforeAll(async () => {
    ws = await server().createWorkspace('Merged people', { inApp: { enabled: true } });
    inApp = inAppClient(server(), ws);
  });

  it('counts a conversion once for the merged person, who does not convert again', async () => {
    const id = await inApp.launch(
      messageBody({
        name: 'Upgrade',
        audience: { type: 'identified' },
        goal: { criteria: 'click', windowDays: 7, event: 'Upgraded' },
      }),
    );
    // ann converted as ann-old; bea converted under both of her userIds.
    for (const userId of ['ann-old', 'bea-old', 'bea-new']) {
      await call('/v1/identify', { userId, traits: {} });
      await report(userId, 'action', id);
      await call('/v1/track', { userId, event: 'Upgraded' });
    }
    await call('/v1/identify', { userId: 'ann-new', traits: {} });
    expect((await inApp.metrics(id)).conversions).toBe(3);

    await alias('ann-old', 'ann-new');
    await alias('bea-old', 'bea-new');
    // bea is one person now: one conversion, the earlier.
    expect((await inApp.metrics(id)).conversions).toBe(2);

    // ann clicks and performs the goal again as ann-new: she has converted already.
    await report('ann-new', 'action', id);
    await call('/v1/track', { userId: 'ann-new', event: 'Upgraded' });
    expect((await inApp.metrics(id)).conversions).toBe(2);

    const rows = await db()
      .selectFrom('conversions')
      .innerJoin('profiles', 'profiles.id', 'conversions.profile_id')
      .select(['profiles.user_id'])
      .where('conversions.message_id', '=', id)
      .orderBy('profiles.user_id')
      .execute();
    expect(rows.map((r) => r.user_id)).toEqual(['ann-new', 'bea-new']);
  });

  it('keeps a dismissal and adds up views, under either userId', async () => {
    const always = await inApp.launch(
      messageBody({
        name: 'Always',
        audience: { type: 'identified' },
        frequency: { maxViews: null, cooldownSeconds: 0 },
      }),
    );
    const twice = await inApp.launch(
      messageBody({
        name: 'Twice',
        audience: { type: 'identified' },
        frequency: { maxViews: 2, cooldownSeconds: 0 },
      }),
    );
    const once = await inApp.launch(
      messageBody({
        name: 'Once',
        audience: { type: 'identified' },
        frequency: { maxViews: 1, cooldownSeconds: 0 },
      }),
    );
    await report('dan-old', 'opened', always);
    await report('dan-old', 'dismissed', always);
    await report('dan-new', 'opened', always);
    await report('dan-old', 'opened', twice);
    await report('dan-new', 'opened', twice);
    expect((await inApp.metrics(always)).uniqueViewers).toBe(2);

    await call('/v1/identify', { userId: 'dan-old', traits: {} });
    await call('/v1/identify', { userId: 'dan-new', traits: {} });
    const etag = (await inApp.fetchMessages({ userId: 'dan-new' })).headers.get('etag')!;
    await alias('dan-old', 'dan-new');
    // A page open under either userId learns that its answer changed.
    const revalidated = await inApp.fetchMessages(
      { userId: 'dan-new' },
      {},
      { 'if-none-match': etag },
    );
    expect(revalidated.status).toBe(200);

    for (const userId of ['dan-new', 'dan-old']) {
      expect(await shown(userId, always), `dismissed, for ${userId}`).toBeUndefined();
      expect(await shown(userId, twice), `seen twice, for ${userId}`).toBeUndefined();
    }
    // One person saw each; the views themselves were real.
    expect(await inApp.metrics(always)).toMatchObject({ views: 2, uniqueViewers: 1 });
    expect(await inApp.metrics(twice)).toMatchObject({ views: 2, uniqueViewers: 1 });

    // After the alias the browser still says dan-old: what it does counts for the person.
    await report('dan-old', 'opened', once);
    expect(await shown('dan-new', once)).toBeUndefined();
    expect((await inApp.metrics(once)).uniqueViewers).toBe(1);
  });

  it('shows a queued broadcast entry once to the merged person; figures count them once', async () => {
    const beta = await admin('POST', '/segments', {
      name: 'Beta',
      conditions: { conditions: [{ type: 'trait', trait: 'beta', op: 'equals', value: true }] },
    });
    const nobody = await admin('POST', '/segments', {
      name: 'Nobody',
      conditions: { conditions: [{ type: 'trait', trait: 'nobody', op: 'exists' }] },
    });
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    for (const userId of ['eve-old', 'eve-new', 'fay-old', 'gus-old', 'gus-new']) {
      await call('/v1/identify', { userId, traits: { beta: true } });
    }
    await call('/v1/identify', { userId: 'fay-new', traits: {} });
    const messageId = await inApp.create(
      messageBody({
        name: 'Beta news',
        // Launched for its goal to count, to a segment of nobody: seen only through the broadcast.
        audience: { type: 'identified', segment: nobody.body.id },
        frequency: { maxViews: 1, cooldownSeconds: 0 },
        goal: { criteria: 'view', windowDays: 7, event: 'Joined Beta' },
      }),
    );
    await admin('POST', `/messages/${messageId}/launch`);
    const broadcast = await admin('POST', '/broadcasts', { messageId, segmentId: beta.body.id });
    expect(broadcast.status).toBe(201);
    await server().app.jobs.runDue();
    const path = `/broadcasts/${broadcast.body.id}`;

    await report('eve-old', 'opened', messageId);
    for (const userId of ['gus-old', 'gus-new']) {
      await report(userId, 'opened', messageId);
      await call('/v1/track', { userId, event: 'Joined Beta' });
    }
    expect(await figures(path)).toMatchObject({ sent: 5, opened: 3, converted: 2 });

    await alias('eve-old', 'eve-new');
    await alias('fay-old', 'fay-new');
    await alias('gus-old', 'gus-new');

    // eve saw it as eve-old: her entry under eve-new is the same send, seen once already.
    expect(await shown('eve-new', messageId)).toBeUndefined();
    expect(await shown('eve-old', messageId)).toBeUndefined();
    // fay's entry was queued for fay-old: it is fay-new's now, shown once.
    await report('fay-new', 'opened', messageId);
    expect(await shown('fay-new', messageId)).toBeUndefined();
    expect(await shown('fay-old', messageId)).toBeUndefined();
    // Three people: three entries, each opened once; gus converted once.
    expect(await figures(path)).toMatchObject({ sent: 3, opened: 3, converted: 1, withdrawn: 0 });
    expect((await inApp.metrics(messageId)).conversions).toBe(1);
  });

  it('delivers a delayed campaign send of the merged-away person to the survivor', async () => {
    const messageId = await inApp.create(
      messageBody({ name: 'Welcome later', audience: { type: 'identified' } }),
    );
    const campaign = await admin('POST', '/campaigns', {
      name: 'Welcome',
      messageId,
      trigger: { type: 'event', event: 'Signed Up' },
      delaySeconds: 3600,
    });
    expect(campaign.status).toBe(201);
    await call('/v1/identify', { userId: 'hal-new', traits: {} });
    await call('/v1/track', { userId: 'hal-old', event: 'Signed Up' });
    await alias('hal-old', 'hal-new');
    await server().app.jobs.runDue(Date.now() + DAY);

    expect(await shown('hal-new', messageId)).toBeDefined();
    await report('hal-old', 'opened', messageId);
    expect(await figures(`/campaigns/${campaign.body.id}`)).toMatchObject({
      sent: 1,
      opened: 1,
    });
    const survivor = await db()
      .selectFrom('profiles')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .where('user_id', '=', 'hal-new')
      .executeTakeFirstOrThrow();
    const entries = await db()
      .selectFrom('message_queue')
      .select(['profile_id', 'visitor'])
      .where('source_id', '=', campaign.body.id)
      .execute();
    expect(entries).toEqual([{ profile_id: survivor.id, visitor: 'u:hal-new' }]);
  });

  it('follows a chain of merges in one batch to the last survivor', async () => {
    const thrice = await inApp.launch(
      messageBody({
        name: 'Thrice',
        audience: { type: 'identified' },
        frequency: { maxViews: 3, cooldownSeconds: 0 },
      }),
    );
    const later = await inApp.create(
      messageBody({ name: 'Chained later', audience: { type: 'identified' } }),
    );
    await admin('POST', '/campaigns', {
      name: 'Chained',
      messageId: later,
      trigger: { type: 'event', event: 'Chained' },
      delaySeconds: 60,
    });
    for (const userId of ['ivy-1-old', 'ivy-2-old', 'ivy-3']) {
      await call('/v1/identify', { userId, traits: {} });
      await report(userId, 'opened', thrice);
    }
    await call('/v1/track', { userId: 'ivy-1-old', event: 'Chained' });
    await call('/v1/batch', {
      batch: [
        { type: 'alias', previousId: 'ivy-1-old', userId: 'ivy-2-old' },
        { type: 'alias', previousId: 'ivy-2-old', userId: 'ivy-3' },
      ],
    });
    await server().app.jobs.runDue(Date.now() + DAY);
    for (const userId of ['ivy-1-old', 'ivy-2-old', 'ivy-3']) {
      expect(await shown(userId, thrice), `seen thrice, for ${userId}`).toBeUndefined();
      expect(await shown(userId, later), `queued, for ${userId}`).toBeDefined();
    }
  });

  it('leaves no row behind for a merged-away profile or userId', async () => {
    const profiles = db().selectFrom('profiles').select('id').where('workspace_id', '=', ws.id);
    const conversions = await db()
      .selectFrom('conversions')
      .select('profile_id')
      .where('workspace_id', '=', ws.id)
      .where('profile_id', 'not in', profiles)
      .execute();
    expect(conversions).toEqual([]);
    const queued = await db()
      .selectFrom('message_queue')
      .select(['profile_id', 'visitor'])
      .where('workspace_id', '=', ws.id)
      .where((eb) =>
        eb.or([eb('profile_id', 'not in', profiles), eb('visitor', 'like', 'u:%-old')]),
      )
      .execute();
    expect(queued).toEqual([]);
    const states = await db()
      .selectFrom('message_states')
      .select('visitor')
      .where('workspace_id', '=', ws.id)
      .where('visitor', 'like', 'u:%-old')
      .execute();
    expect(states).toEqual([]);
  });
});
