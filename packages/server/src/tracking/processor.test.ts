import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The tracking API acknowledges once a request is in the ingest log; the processor applies it
 * later. These tests post with plain fetch (not the helper, which waits for the processor) and
 * read through the admin API at once: what was acknowledged must be there, once.
 */
describeEachDialect('ingest processor behind the tracking API', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Processor');
  });

  const post = (path: string, body: object) =>
    fetch(`${server().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: ws.writeKey, ...body }),
    });
  const countEvents = async (workspaceId: string) =>
    Number(
      (
        await server()
          .store.database.db.selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('applies every acknowledged call exactly once, and admin reads see them at once', async () => {
    // Half the calls have no messageId: a request applied twice would store them twice.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        post('/v1/batch', {
          batch: Array.from({ length: 50 }, (_, i) => ({
            type: 'track',
            anonymousId: `once-${n}`,
            event: 'Loaded',
            ...(i % 2 === 0 ? { messageId: `once-${n}-${i}` } : {}),
          })),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const activity = await server().admin(
      'GET',
      `/workspaces/${ws.id}/anonymous/once-19/activity?limit=100`,
    );
    expect(activity.body.data).toHaveLength(50);
    expect(await countEvents(ws.id)).toBe(1000);
    expect(await server().app.ingest.lag()).toMatchObject({ rows: 0, events: 0, failed: 0 });
  });

  it("keeps the order of a visitor's calls: identify after track merges, later traits win", async () => {
    const calls: Array<[string, object]> = [
      ['/v1/track', { anonymousId: 'order-a', event: 'Browsed' }],
      ['/v1/identify', { anonymousId: 'order-a', userId: 'order-u', traits: { plan: 'free' } }],
      ['/v1/identify', { userId: 'order-u', traits: { plan: 'pro' } }],
      ['/v1/alias', { previousId: 'order-old', userId: 'order-u' }],
    ];
    for (const [path, body] of calls) expect((await post(path, body)).status).toBe(200);
    const person = await server().admin('GET', `/workspaces/${ws.id}/people/order-u`);
    expect(person.body).toMatchObject({ userId: 'order-u', traits: { plan: 'pro' } });
    expect(person.body.anonymousIds.sort()).toEqual(['order-a', 'order-old']);
    const activity = await server().admin('GET', `/workspaces/${ws.id}/people/order-u/activity`);
    expect(activity.body.data.map((e: { type: string }) => e.type).sort()).toEqual([
      'alias',
      'identify',
      'identify',
      'track',
    ]);
  });

  it('settled() resolves at once when nothing waits, and people search sees a new person', async () => {
    await server().app.ingest.settled();
    expect((await post('/v1/identify', { userId: 'searchable', traits: {} })).status).toBe(200);
    const found = await server().admin('GET', `/workspaces/${ws.id}/people?q=searchable`);
    expect(found.body.data.map((p: { userId: string }) => p.userId)).toEqual(['searchable']);
  });

  it('stores nothing of a refused request, and corrects clock skew from the time received', async () => {
    const refused = await post('/v1/batch', {
      batch: [{ type: 'track', anonymousId: 'refused', event: 'Fine' }, { type: 'track' }],
    });
    expect(refused.status).toBe(400);
    expect((await server().app.ingest.lag()).rows).toBe(0);
    const sentAt = new Date(Date.now() + 3_600_000);
    const happened = new Date(sentAt.getTime() - 5000);
    const skewed = await post('/v1/batch', {
      sentAt: sentAt.toISOString(),
      batch: [
        { type: 'track', anonymousId: 'skewed', event: 'Late', timestamp: happened.toISOString() },
      ],
    });
    expect(skewed.status).toBe(200);
    const [event] = (await server().admin('GET', `/workspaces/${ws.id}/anonymous/skewed/activity`))
      .body.data;
    expect(Date.parse(event.receivedAt) - Date.parse(event.timestamp)).toBe(5000);
    expect(
      (await server().admin('GET', `/workspaces/${ws.id}/anonymous/refused/activity`)).body.data,
    ).toEqual([]);
  });
});
