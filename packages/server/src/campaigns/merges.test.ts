import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';
import { counterKey } from './conditions.js';
import { BUILD_SETTLE_MS } from './segment-jobs.js';

/**
 * When alias merges profile A into profile B, B's counters and memberships reflect both at once,
 * in the transaction that applies the alias; entering and leaving are recorded as for anyone.
 */
describeEachDialect('segments across alias merges', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let buyers: string;
  let pro: string;
  let free: string;
  const db = () => server().store.database.db;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const call = async (path: string, body: object) => {
    const response = await server().track(ws.writeKey, path, body);
    expect(response.status).toBe(200);
  };
  const segment = async (name: string, condition: object) => {
    const created = await admin('POST', '/segments', {
      name,
      conditions: { conditions: [condition] },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const members = async (id: string) =>
    ((await admin('GET', `/segments/${id}/members`)).body.data as Array<{ userId: string }>)
      .map((m) => m.userId)
      .sort();
  const moves = async (userId: string) =>
    (
      (await admin('GET', `/people/${userId}/activity`)).body.data as Array<{
        type: string;
        name: string;
        userId: string;
        properties: { segmentName: string };
      }>
    )
      .filter((e) => e.type === 'segment')
      .map((e) => `${e.name} ${e.properties.segmentName} as ${e.userId}`)
      .reverse();

  beforeAll(async () => {
    ws = await server().createWorkspace('Merges', { inApp: { enabled: true } });
    buyers = await segment('Buyers', { type: 'event', event: 'Purchase', atLeast: 2 });
    pro = await segment('Pro', { type: 'trait', trait: 'plan', op: 'equals', value: 'pro' });
    free = await segment('Free', { type: 'trait', trait: 'tier', op: 'equals', value: 'free' });
    await server().app.jobs.runDue(Date.now() + BUILD_SETTLE_MS + 1000);
  });

  it('adds the merged-away counters and memberships to the survivor at once', async () => {
    await call('/v1/identify', { userId: 'old-id', traits: { plan: 'pro', tier: 'free' } });
    await call('/v1/track', { userId: 'old-id', event: 'Purchase' });
    await call('/v1/identify', { userId: 'new-id', traits: { tier: 'gold' } });
    await call('/v1/track', { userId: 'new-id', event: 'Purchase' });
    expect(await members(buyers)).toEqual([]);
    expect(await members(pro)).toEqual(['old-id']);
    expect(await members(free)).toEqual(['old-id']);

    await call('/v1/alias', { previousId: 'old-id', userId: 'new-id' });

    // Two purchases between them; the survivor's traits win (tier gold), old-id's fill in (pro).
    expect(await members(buyers)).toEqual(['new-id']);
    expect(await members(pro)).toEqual(['new-id']);
    expect(await members(free)).toEqual([]);
    for (const id of [buyers, pro, free]) {
      const { members: count } = (await admin('GET', `/segments/${id}`)).body;
      expect(count).toBe(id === free ? 0 : 1);
    }
    // Still in Pro: no new entry. Entered Buyers, left Free, as the survivor.
    expect((await moves('new-id')).sort()).toEqual([
      'entered segment Buyers as new-id',
      'entered segment Free as old-id',
      'entered segment Pro as old-id',
      'left segment Free as new-id',
    ]);
    const counters = await db()
      .selectFrom('person_event_counts')
      .innerJoin('profiles', 'profiles.id', 'person_event_counts.profile_id')
      .select(['profiles.user_id', 'person_event_counts.count'])
      .where('person_event_counts.workspace_id', '=', ws.id)
      .where('counter', '=', counterKey({ event: 'Purchase' }))
      .execute();
    expect(counters.map((c) => [c.user_id, Number(c.count)])).toEqual([['new-id', 2]]);
    const orphans = await db()
      .selectFrom('person_event_counts')
      .leftJoin('profiles', 'profiles.id', 'person_event_counts.profile_id')
      .select('person_event_counts.profile_id')
      .where('person_event_counts.workspace_id', '=', ws.id)
      .where('profiles.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);

    // The merged-away userId keeps counting for the survivor.
    await call('/v1/track', { userId: 'old-id', event: 'Purchase' });
    const after = await db()
      .selectFrom('person_event_counts')
      .select((eb) => eb.fn.sum<number | string>('count').as('n'))
      .where('workspace_id', '=', ws.id)
      .where('counter', '=', counterKey({ event: 'Purchase' }))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(3);
  });

  it('counts an anonymous visitor’s earlier events once they are identified', async () => {
    await call('/v1/track', { anonymousId: 'anon-1', event: 'Purchase' });
    await call('/v1/track', { anonymousId: 'anon-1', event: 'Purchase' });
    expect(await members(buyers)).not.toContain('zoe');
    // The identify that links anon-1 also carries a third purchase in the same batch.
    await call('/v1/batch', {
      batch: [
        { type: 'identify', userId: 'zoe', anonymousId: 'anon-1', traits: {} },
        { type: 'track', anonymousId: 'anon-1', event: 'Purchase' },
      ],
    });
    expect(await members(buyers)).toContain('zoe');
    const zoe = await db()
      .selectFrom('person_event_counts')
      .innerJoin('profiles', 'profiles.id', 'person_event_counts.profile_id')
      .select((eb) => eb.fn.sum<number | string>('person_event_counts.count').as('n'))
      .where('profiles.user_id', '=', 'zoe')
      .where('profiles.workspace_id', '=', ws.id)
      .executeTakeFirstOrThrow();
    expect(Number(zoe.n)).toBe(3);
  });
});
