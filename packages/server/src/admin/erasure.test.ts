import { beforeAll, expect, it } from 'vitest';
import type { DeliveredMessage, InAppEventInput } from '@herald/protocol';
import { BUILD_SETTLE_MS } from '../campaigns/segment-jobs.js';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody, type TestVisitor } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * DELETE /people/:userId erases every row about the person, whichever table holds it: profile,
 * identities, events, message states (under each userId and anonymous ID), queued entries,
 * conversions, segment memberships and counters, delayed campaign sends, and their calls in
 * tracking requests set aside. Another person's data stays, and so do the hourly figures that
 * carry no identity (views), while those that count people (conversions) stop counting them.
 */
describeEachDialect('admin API: erasing a person', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  const db = () => server().store.database.db;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const call = async (path: string, body: object) => {
    expect((await server().track(ws.writeKey, path, body)).status).toBe(200);
  };
  const shown = async (visitor: TestVisitor, id: string): Promise<DeliveredMessage> => {
    const message = (await inApp.messages(visitor)).messages.find((m) => m.id === id);
    expect(message, `${id} is shown to ${JSON.stringify(visitor)}`).toBeDefined();
    return message!;
  };
  const report = async (visitor: TestVisitor, id: string, type: 'opened' | 'dismissed') => {
    const { deliveryId } = await shown(visitor, id);
    // An open comes with a click (the goal of the anonymous message).
    const events: Array<Partial<InAppEventInput>> = [{ type, deliveryId }];
    if (type === 'opened') events.push({ type: 'action', deliveryId, actionName: 'ok' });
    expect((await inApp.report(visitor, events)).status).toBe(200);
  };

  // Zed: two userIds (zed-old merged into zed by alias) and two anonymous IDs.
  const userIds = ['zed', 'zed-old'];
  const anonymousIds = ['zed-laptop', 'zed-phone'];
  const keys = [...userIds.map((u) => `u:${u}`), ...anonymousIds.map((a) => `a:${a}`)];
  let anonymousMessage: string;
  let identifiedMessage: string;
  let broadcastMessage: string;
  let profileId: string;

  beforeAll(async () => {
    ws = await server().createWorkspace('Erasure', { inApp: { enabled: true, anonymous: true } });
    inApp = inAppClient(server(), ws);
    const pro = await admin('POST', '/segments', {
      name: 'Pro',
      conditions: { conditions: [{ type: 'trait', trait: 'plan', op: 'equals', value: 'pro' }] },
    });
    const signedUp = await admin('POST', '/segments', {
      name: 'Signed up',
      conditions: { conditions: [{ type: 'event', event: 'Signed Up', atLeast: 1 }] },
    });
    expect([pro.status, signedUp.status]).toEqual([201, 201]);
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
    anonymousMessage = await inApp.launch(
      messageBody({ name: 'Join', goal: { criteria: 'click', windowDays: 7 } }),
    );
    identifiedMessage = await inApp.launch(
      messageBody({ name: 'Tips', audience: { type: 'identified' } }),
    );
    // Seen only through the broadcast once Zed is gone (no longer in the segment).
    broadcastMessage = await inApp.launch(
      messageBody({ name: 'Pro news', audience: { type: 'identified', segment: pro.body.id } }),
    );
    const later = await inApp.create(
      messageBody({ name: 'Welcome later', audience: { type: 'identified' } }),
    );
    const campaign = await admin('POST', '/campaigns', {
      name: 'Welcome',
      messageId: later,
      trigger: { type: 'event', event: 'Signed Up' },
      delaySeconds: 3600,
    });
    expect(campaign.status).toBe(201);

    // Zed, and Olga, whose data must stay, do the same things.
    for (const [user, old, laptop, phone] of [
      ['zed', 'zed-old', 'zed-laptop', 'zed-phone'],
      ['olga', 'olga-old', 'olga-laptop', 'olga-phone'],
    ] as const) {
      // Anonymous on the laptop: views and clicks a message (its goal: click), then signs in.
      await call('/v1/page', { anonymousId: laptop, name: 'Home' });
      await report({ anonymousId: laptop }, anonymousMessage, 'opened');
      await report({ anonymousId: phone }, anonymousMessage, 'dismissed');
      await call('/v1/identify', { anonymousId: laptop, userId: user, traits: { plan: 'pro' } });
      await call('/v1/identify', { anonymousId: phone, userId: user, traits: {} });
      await call('/v1/identify', { userId: old, traits: { email: `${user}@example.com` } });
      await report({ userId: old }, identifiedMessage, 'opened');
      await call('/v1/alias', { previousId: old, userId: user });
      await report({ userId: user }, identifiedMessage, 'dismissed');
      await call('/v1/track', { userId: user, event: 'Signed Up', properties: { plan: 'pro' } });
    }
    const broadcast = await admin('POST', '/broadcasts', {
      messageId: broadcastMessage,
      segmentId: pro.body.id,
    });
    expect(broadcast.status).toBe(201);
    await server().app.jobs.runDue();
    for (const userId of ['zed', 'olga']) {
      expect((await admin('POST', `/messages/${identifiedMessage}/test`, { userId })).status).toBe(
        202,
      );
    }
    // Requests the ingest processor set aside, for an operator: one mixes Zed and Olga.
    const setAside = (route: 'batch' | 'track', body: string, items: number) => ({
      workspace_id: ws.id,
      route,
      received_at: Date.now(),
      body,
      item_count: items,
      error: 'could not be applied',
      failed_at: Date.now(),
    });
    await db()
      .insertInto('ingest_log')
      .values([
        setAside(
          'batch',
          JSON.stringify({
            batch: [
              { type: 'track', userId: 'zed', event: 'Paid' },
              { type: 'track', userId: 'olga', event: 'Paid' },
              { type: 'page', anonymousId: 'zed-phone', name: 'Pricing' },
            ],
          }),
          3,
        ),
        setAside('track', JSON.stringify({ userId: 'zed-old', event: 'Paid' }), 1),
        setAside('track', '{"userId": "zed-laptop", "event": "Pa', 1),
        setAside('track', JSON.stringify({ userId: 'olga', event: 'Paid' }), 1),
      ])
      .execute();
    profileId = (await server().store.people.profileIdOf(ws.id, 'user', 'zed'))!;
  });

  /** Every row of the workspace that names Zed (or his profile), table by table. */
  const remains = async () => {
    return {
      profiles: await db()
        .selectFrom('profiles')
        .select('id')
        .where('workspace_id', '=', ws.id)
        .where((eb) => eb.or([eb('id', '=', profileId), eb('user_id', 'in', userIds)]))
        .execute(),
      identities: await db()
        .selectFrom('identities')
        .select('value')
        .where('workspace_id', '=', ws.id)
        .where((eb) =>
          eb.or([
            eb('profile_id', '=', profileId),
            eb('value', 'in', [...userIds, ...anonymousIds]),
          ]),
        )
        .execute(),
      events: await db()
        .selectFrom('events')
        .select(['type', 'name'])
        .where('workspace_id', '=', ws.id)
        .where((eb) =>
          eb.or([
            eb('user_id', 'in', userIds),
            eb('anonymous_id', 'in', anonymousIds),
            eb('properties', 'like', '%zed%'),
          ]),
        )
        .execute(),
      messageStates: await db()
        .selectFrom('message_states')
        .select('visitor')
        .where('workspace_id', '=', ws.id)
        .where('visitor', 'in', keys)
        .execute(),
      queue: await db()
        .selectFrom('message_queue')
        .select(['visitor', 'kind'])
        .where('workspace_id', '=', ws.id)
        .where((eb) => eb.or([eb('visitor', 'in', keys), eb('profile_id', '=', profileId)]))
        .execute(),
      conversions: await db()
        .selectFrom('conversions')
        .select('visitor')
        .where('workspace_id', '=', ws.id)
        .where((eb) => eb.or([eb('visitor', 'in', keys), eb('profile_id', '=', profileId)]))
        .execute(),
      members: await db()
        .selectFrom('segment_members')
        .select('segment_id')
        .where('profile_id', '=', profileId)
        .execute(),
      counters: await db()
        .selectFrom('person_event_counts')
        .select('counter')
        .where('profile_id', '=', profileId)
        .execute(),
      jobs: await db()
        .selectFrom('jobs')
        .select('kind')
        .where('workspace_id', '=', ws.id)
        .where((eb) =>
          eb.or([eb('payload', 'like', '%zed%'), eb('payload', 'like', `%${profileId}%`)]),
        )
        .execute(),
      setAside: await db()
        .selectFrom('ingest_log')
        .select('body')
        .where('workspace_id', '=', ws.id)
        .where('body', 'like', '%zed%')
        .execute(),
    };
  };

  /** PostgreSQL: messageIds kept for dedupe whose event is gone. */
  const orphanEventIds = async () => {
    if (dialect !== 'postgres') return [];
    return db()
      .selectFrom('event_ids')
      .select('message_id')
      .where('workspace_id', '=', ws.id)
      .where('message_id', 'not in', (eb) =>
        eb.selectFrom('events').select('message_id').where('workspace_id', '=', ws.id),
      )
      .execute();
  };

  it('erases every row about the person, and only those, in one call', async () => {
    const before = await remains();
    for (const [table, rows] of Object.entries(before)) {
      expect(rows.length, `${table} holds Zed's rows`).toBeGreaterThan(0);
    }
    expect(before.messageStates.map((r) => r.visitor).sort()).toEqual([
      'a:zed-laptop',
      'a:zed-phone',
      'u:zed',
    ]);
    expect(before.queue.map((r) => r.kind).sort()).toEqual(['broadcast', 'test']);
    expect(before.jobs.map((r) => r.kind)).toEqual(['campaign.send']);
    expect(await inApp.metrics(anonymousMessage)).toMatchObject({
      views: 2,
      uniqueViewers: 2,
      conversions: 2,
    });
    const page = await inApp.fetchMessages({ userId: 'zed-old' });
    const etag = page.headers.get('etag')!;
    const ids = ((await page.json()) as { messages: DeliveredMessage[] }).messages.map((m) => m.id);
    expect(ids).toContain(broadcastMessage);

    const erased = await admin('DELETE', '/people/zed-old');
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ deleted: true, userId: 'zed' });
    expect(erased.body.events).toBeGreaterThan(8);

    const after = await remains();
    for (const [table, rows] of Object.entries(after)) {
      expect(rows, `${table} holds no row of Zed's`).toEqual([]);
    }
    expect(await orphanEventIds()).toEqual([]);
    // A page still open for Zed is told: what was queued for him is gone.
    const revalidated = await inApp.fetchMessages(
      { userId: 'zed-old' },
      {},
      { 'if-none-match': etag },
    );
    expect(revalidated.status).toBe(200);
    const now = ((await revalidated.json()) as { messages: DeliveredMessage[] }).messages;
    expect(now.map((m) => m.id)).not.toContain(broadcastMessage);
  });

  it("keeps everyone else's rows, and the figures without identity", async () => {
    const olga = (await admin('GET', '/people/olga')).body;
    expect(olga).toMatchObject({ userId: 'olga', aliases: ['olga-old'] });
    expect(olga.anonymousIds.sort()).toEqual(['olga-laptop', 'olga-phone']);
    const states = await db()
      .selectFrom('message_states')
      .select('visitor')
      .where('workspace_id', '=', ws.id)
      .orderBy('visitor')
      .execute();
    expect(states.map((r) => r.visitor)).toEqual(['a:olga-laptop', 'a:olga-phone', 'u:olga']);
    const queued = await db()
      .selectFrom('message_queue')
      .select('kind')
      .where('visitor', '=', 'u:olga')
      .orderBy('kind')
      .execute();
    expect(queued.map((r) => r.kind)).toEqual(['broadcast', 'test']);
    const jobs = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'campaign.send')
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(jobs.map((j) => JSON.parse(j.payload).userId)).toEqual(['olga']);
    // The mixed request keeps Olga's call; Olga's own request stays as it was.
    const setAside = await db()
      .selectFrom('ingest_log')
      .select(['body', 'item_count'])
      .where('workspace_id', '=', ws.id)
      .orderBy('id')
      .execute();
    expect(setAside.map((r) => [JSON.parse(r.body), r.item_count])).toEqual([
      [{ batch: [{ type: 'track', userId: 'olga', event: 'Paid' }] }, 1],
      [{ userId: 'olga', event: 'Paid' }, 1],
    ]);
    // Views are counts without identity and stay; conversions and unique viewers count people.
    expect(await inApp.metrics(anonymousMessage)).toMatchObject({
      views: 2,
      uniqueViewers: 1,
      conversions: 1,
    });
  });

  it('answers 404 once the person is erased, under any of their userIds', async () => {
    for (const userId of userIds) {
      expect((await admin('GET', `/people/${userId}`)).status).toBe(404);
      expect((await admin('DELETE', `/people/${userId}`)).status).toBe(404);
    }
  });
});
