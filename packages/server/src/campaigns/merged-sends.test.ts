import type { DeliveredMessage } from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { JobRunner } from '../jobs/runner.js';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';
import { BUILD_SETTLE_MS } from './segment-jobs.js';

/**
 * Sends and alias merges: a broadcast or a delayed campaign send queues under the person's
 * canonical userId as it is when the job runs (jobs.ts), never under a userId merged away
 * before; on PostgreSQL it leaves a person another transaction holds for a run shortly after.
 * And a page still presenting a merged-away userId hears of what is queued for the person.
 */
describeEachDialect('sends to people merged by alias', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  let beta: string;
  const db = () => server().store.database.db;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const call = async (path: string, body: object) => {
    expect((await server().track(ws.writeKey, path, body)).status).toBe(200);
  };
  const shown = async (userId: string, id: string): Promise<DeliveredMessage | undefined> =>
    (await inApp.messages({ userId })).messages.find((m) => m.id === id);
  const profileOf = async (userId: string) =>
    (await server().store.people.profileIdOf(ws.id, 'user', userId))!;
  const entries = (sourceId: string) =>
    db()
      .selectFrom('message_queue')
      .select(['visitor', 'profile_id'])
      .where('source_id', '=', sourceId)
      .orderBy('visitor')
      .execute();
  /** A message only a send shows: its audience is a segment nobody is in. */
  const sendOnly = async (name: string) => {
    const nobody = await admin('POST', '/segments', {
      name: `Nobody for ${name}`,
      conditions: { conditions: [{ type: 'trait', trait: 'nobody', op: 'exists' }] },
    });
    return inApp.launch(
      messageBody({ name, audience: { type: 'identified', segment: nobody.body.id } }),
    );
  };
  const broadcast = async (messageId: string) => {
    const created = await admin('POST', '/broadcasts', { messageId, segmentId: beta });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const campaign = async (messageId: string, event: string) => {
    const created = await admin('POST', '/campaigns', {
      name: event,
      messageId,
      trigger: { type: 'event', event },
      delaySeconds: 60,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  /** Holds a person's profile row locked (FOR UPDATE) until `release`, as a merge in flight. */
  const holdPerson = async (profileId: string) => {
    let release!: () => void;
    let taken!: () => void;
    const held = new Promise<void>((resolve) => (taken = resolve));
    const done = db()
      .transaction()
      .execute(async (trx) => {
        await trx
          .selectFrom('profiles')
          .select('id')
          .where('id', '=', profileId)
          .forUpdate()
          .execute();
        taken();
        await new Promise<void>((resolve) => (release = resolve));
      });
    await held;
    return async () => {
      release();
      await done;
    };
  };

  beforeAll(async () => {
    ws = await server().createWorkspace('Merged sends', { inApp: { enabled: true } });
    inApp = inAppClient(server(), ws);
    const created = await admin('POST', '/segments', {
      name: 'Beta',
      conditions: { conditions: [{ type: 'trait', trait: 'beta', op: 'equals', value: true }] },
    });
    beta = created.body.id;
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS);
  });

  it('queues a delayed send naming a merged-away userId for the survivor', async () => {
    const messageId = await sendOnly('Welcome later');
    const campaignId = await campaign(messageId, 'Kim Signed Up');
    await call('/v1/identify', { userId: 'kim-old', traits: {} });
    await call('/v1/identify', { userId: 'kim-new', traits: {} });
    const merged = await profileOf('kim-old');
    await call('/v1/alias', { previousId: 'kim-old', userId: 'kim-new' });
    // A send the merge did not see (scheduled by a transaction that raced it) still names
    // kim-old and the profile merged away.
    await JobRunner.schedule(db(), {
      kind: 'campaign.send',
      workspaceId: ws.id,
      runAt: Date.now(),
      key: `c:${campaignId}:raced`,
      payload: { campaignId, profileId: merged, userId: 'kim-old', event: null },
    });
    await server().app.jobs.runDue();
    expect(await entries(campaignId)).toEqual([
      { visitor: 'u:kim-new', profile_id: await profileOf('kim-new') },
    ]);
    for (const userId of ['kim-new', 'kim-old']) {
      expect(await shown(userId, messageId), `shown to ${userId}`).toBeDefined();
    }
  });

  it('broadcasts to the survivor of a merge made before the job ran, once', async () => {
    const messageId = await sendOnly('Beta news');
    for (const userId of ['lou-old', 'lou-new', 'max-old']) {
      await call('/v1/identify', { userId, traits: { beta: true } });
    }
    await call('/v1/identify', { userId: 'max-new', traits: {} });
    await call('/v1/alias', { previousId: 'lou-old', userId: 'lou-new' });
    await call('/v1/alias', { previousId: 'max-old', userId: 'max-new' });
    const broadcastId = await broadcast(messageId);
    await server().app.jobs.runDue();
    const queued = await entries(broadcastId);
    expect(queued.map((e) => e.visitor)).toEqual(['u:lou-new', 'u:max-new']);
    expect(queued.map((e) => e.profile_id)).toEqual([
      await profileOf('lou-new'),
      await profileOf('max-new'),
    ]);
    for (const userId of ['lou-old', 'lou-new', 'max-old', 'max-new']) {
      expect(await shown(userId, messageId), `shown to ${userId}`).toBeDefined();
    }
  });

  it('tells a page presenting a merged-away userId of a broadcast to the survivor', async () => {
    const messageId = await sendOnly('Ned news');
    await call('/v1/identify', { userId: 'ned-old', traits: {} });
    await call('/v1/identify', { userId: 'ned-new', traits: { beta: true } });
    await call('/v1/alias', { previousId: 'ned-old', userId: 'ned-new' });
    // The browser still says ned-old (the SDK's alias keeps the userId).
    const first = await inApp.fetchMessages({ userId: 'ned-old' });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(
      (await inApp.fetchMessages({ userId: 'ned-old' }, {}, { 'if-none-match': etag })).status,
    ).toBe(304);
    const stream = await openStream(inApp.streamUrl({ userId: 'ned-old' }));
    await stream.next('hello');

    await broadcast(messageId);
    await server().app.jobs.runDue();
    await stream.next('refresh');
    stream.close();
    const again = await inApp.fetchMessages({ userId: 'ned-old' }, {}, { 'if-none-match': etag });
    expect(again.status).toBe(200);
    const { messages } = (await again.json()) as { messages: DeliveredMessage[] };
    expect(messages.map((m) => m.id)).toContain(messageId);
  });

  it.skipIf(dialect !== 'postgres')(
    'leaves a person another transaction holds for a run shortly after, without waiting',
    async () => {
      const messageId = await sendOnly('Held');
      const campaignId = await campaign(messageId, 'Oz Signed Up');
      await call('/v1/identify', { userId: 'oz', traits: {} });
      await call('/v1/track', { userId: 'oz', event: 'Oz Signed Up' });
      const release = await holdPerson(await profileOf('oz'));
      await server().app.jobs.runDue(Date.now() + 120_000);
      expect(await entries(campaignId)).toEqual([]);
      await release();
      await server().app.jobs.runDue(Date.now() + 121_000);
      expect((await entries(campaignId)).map((e) => e.visitor)).toEqual(['u:oz']);

      const news = await sendOnly('Held news');
      await call('/v1/identify', { userId: 'pia', traits: { beta: true } });
      const releasePia = await holdPerson(await profileOf('pia'));
      const broadcastId = await broadcast(news);
      await server().app.jobs.runDue();
      const status = async () =>
        (await admin('GET', `/broadcasts/${broadcastId}`)).body.status as string;
      expect((await entries(broadcastId)).map((e) => e.visitor)).not.toContain('u:pia');
      expect(await status()).toBe('sending');
      await releasePia();
      await server().app.jobs.runDue(Date.now() + 1_000);
      expect((await entries(broadcastId)).map((e) => e.visitor)).toContain('u:pia');
      expect(await status()).toBe('sent');
    },
  );
});

/** The names of Server-Sent Events as they arrive on a live stream, as EventSource reads them. */
async function openStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: string[] = [];
  let buffer = '';
  const read = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const name = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
      if (name) events.push(name);
      buffer = buffer.slice(end + 2);
    }
  };
  return {
    /** Waits (at most 5 s) for the next event named `name` not waited for yet. */
    async next(name: string) {
      const timer = setTimeout(() => controller.abort(), 5_000);
      try {
        while (!events.includes(name)) await read();
      } catch {
        throw new Error(`no "${name}" event came: ${events.join(', ')}`);
      } finally {
        clearTimeout(timer);
      }
      events.splice(events.indexOf(name), 1);
    },
    close: () => controller.abort(),
  };
}
