import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';
import { counterKey } from './conditions.js';
import { BUILD_SETTLE_MS, RECOUNT_CHUNK } from './segment-jobs.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** Late enough for a build's settle delay, early enough for every event window. */
const later = () => Date.now() + BUILD_SETTLE_MS + 1000;

/**
 * Building a segment with event conditions counts the events tracked before it existed, and
 * every event exactly once however the build and the ingest path interleave. The job runner is
 * stopped: the tests run its jobs one step at a time.
 */
describeEachDialect('segment builds', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  const db = () => server().store.database.db;
  const admin = (method: string, path: string, body?: unknown) =>
    server().admin(method, `/workspaces/${ws.id}${path}`, body);
  const batch = async (calls: object[]) => {
    const response = await server().track(ws.writeKey, '/v1/batch', { batch: calls });
    expect(response.status).toBe(200);
  };
  const members = async (id: string) =>
    (
      (await admin('GET', `/segments/${id}/members?limit=1000`)).body.data as Array<{
        userId: string;
      }>
    )
      .map((m) => m.userId)
      .sort();
  /** Each person's total of one counter, by userId. */
  const totals = async (key: string) => {
    const rows = await db()
      .selectFrom('person_event_counts')
      .innerJoin('profiles', 'profiles.id', 'person_event_counts.profile_id')
      .select(['profiles.user_id', 'person_event_counts.count'])
      .where('person_event_counts.workspace_id', '=', ws.id)
      .where('person_event_counts.counter', '=', key)
      .execute();
    const sums: Record<string, number> = {};
    for (const row of rows) sums[row.user_id] = (sums[row.user_id] ?? 0) + Number(row.count);
    return sums;
  };
  const builtThrough = async (id: string) =>
    (
      await db()
        .selectFrom('segments')
        .select('built_through')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).built_through;

  beforeAll(async () => {
    await server().app.jobs.stop();
    ws = await server().createWorkspace('Builds', { inApp: { enabled: true } });
  });

  describe('backfill', () => {
    it('makes people members on creation from events tracked before the segment existed', async () => {
      await batch([
        { type: 'identify', userId: 'ann', traits: {} },
        {
          type: 'track',
          userId: 'ann',
          event: 'Order',
          properties: { total: 20 },
          timestamp: ago(2),
        },
        {
          type: 'track',
          userId: 'ann',
          event: 'Order',
          properties: { total: 30 },
          timestamp: ago(10),
        },
        {
          type: 'track',
          userId: 'ann',
          event: 'Order',
          properties: { total: 40 },
          timestamp: ago(40),
        },
        { type: 'identify', userId: 'ben', traits: {} },
        { type: 'track', userId: 'ben', event: 'Order', properties: { total: 500 } },
        // Anonymous calls of a visitor identified afterwards are theirs.
        { type: 'track', anonymousId: 'anon-cy', event: 'Order', properties: { total: 150 } },
        { type: 'identify', userId: 'cy', anonymousId: 'anon-cy', traits: {} },
        {
          type: 'track',
          userId: 'cy',
          event: 'Order',
          properties: { total: 5 },
          timestamp: ago(3),
        },
        // Never identified: counts for nobody.
        { type: 'track', anonymousId: 'anon-x', event: 'Order', properties: { total: 900 } },
        { type: 'track', anonymousId: 'anon-x', event: 'Order', properties: { total: 900 } },
      ]);
      const often = await admin('POST', '/segments', {
        name: 'Orders twice a month',
        conditions: {
          conditions: [{ type: 'event', event: 'Order', atLeast: 2, withinDays: 30 }],
        },
      });
      const big = await admin('POST', '/segments', {
        name: 'Big orders',
        conditions: {
          conditions: [
            {
              type: 'event',
              event: 'Order',
              where: [{ property: 'total', op: 'greater_than', value: 100 }],
            },
          ],
        },
      });
      expect(often.body.building).toBe(true);
      await server().app.jobs.runDue(later());
      expect(await members(often.body.id)).toEqual(['ann', 'cy']);
      expect(await members(big.body.id)).toEqual(['ben', 'cy']);
      expect((await admin('GET', `/segments/${often.body.id}`)).body).toMatchObject({
        members: 2,
        building: false,
      });
      // Counted within the longest window (a year), by UTC day.
      expect(await totals(counterKey({ event: 'Order' }))).toEqual({ ann: 3, ben: 1, cy: 2 });
      const activity = (await admin('GET', '/people/cy/activity')).body.data as Array<{
        name?: string;
      }>;
      expect(activity.filter((e) => e.name === 'entered segment')).toHaveLength(2);
    });

    it('counts each event once, tracked while the build waits or runs', async () => {
      // More than one chunk of the build: it is caught between chunks.
      const people = Array.from(
        { length: RECOUNT_CHUNK + 50 },
        (_, i) => `v${String(i).padStart(4, '0')}`,
      );
      await batch(
        people.flatMap((userId) => [
          { type: 'identify', userId, traits: {} },
          { type: 'track', userId, event: 'Visit', timestamp: ago(1) },
        ]),
      );
      const created = await admin('POST', '/segments', {
        name: 'Regulars',
        conditions: { conditions: [{ type: 'event', event: 'Visit', atLeast: 2, withinDays: 7 }] },
      });
      const id = created.body.id as string;
      // While the build waits: counted by the ingest path, then recounted by the build.
      await batch([{ type: 'track', userId: 'v0000', event: 'Visit' }]);
      for (let runs = 0; (await builtThrough(id)) === '' && runs < 10; runs++) {
        await server().app.jobs.runDue(later(), 1);
      }
      const cursor = await builtThrough(id);
      expect(cursor).toBeTruthy();
      const passed = await db()
        .selectFrom('profiles')
        .select('user_id')
        .where('workspace_id', '=', ws.id)
        .where('user_id', 'in', people)
        .where('id', '<=', cursor!)
        .execute();
      const behind = passed.map((p) => p.user_id);
      const ahead = people.filter((p) => !behind.includes(p));
      expect(behind.length).toBeGreaterThan(0);
      expect(ahead.length).toBeGreaterThan(0);
      expect((await admin('GET', `/segments/${id}`)).body.building).toBe(true);

      // While the build runs: one person it passed, one it has yet to come to.
      const [first, second] = [
        behind.find((p) => p !== 'v0000')!,
        ahead.find((p) => p !== 'v0000')!,
      ];
      await batch([
        { type: 'track', userId: first, event: 'Visit' },
        { type: 'track', userId: second, event: 'Visit' },
      ]);
      // The passed one is decided at once; the other waits for the build.
      expect(await members(id)).toEqual(
        [first, ...(behind.includes('v0000') ? ['v0000'] : [])].sort(),
      );
      await server().app.jobs.runDue(later());

      expect(await builtThrough(id)).toBeNull();
      expect(await members(id)).toEqual(['v0000', first, second].sort());
      const counted = await totals(counterKey({ event: 'Visit' }));
      for (const person of people) {
        expect(counted[person], person).toBe(['v0000', first, second].includes(person) ? 2 : 1);
      }
      // Counted once from here on, by the ingest path alone.
      const last = people.at(-1)!;
      await batch([{ type: 'track', userId: last, event: 'Visit' }]);
      expect((await totals(counterKey({ event: 'Visit' })))[last]).toBe(
        [first, second].includes(last) ? 3 : 2,
      );
      expect(await members(id)).toContain(last);
    });

    it('builds again when the conditions change, and the old build stops', async () => {
      await batch([
        { type: 'identify', userId: 'dee', traits: {} },
        { type: 'track', userId: 'dee', event: 'Upgrade', timestamp: ago(5) },
      ]);
      const created = await admin('POST', '/segments', {
        name: 'Changing',
        conditions: { conditions: [{ type: 'event', event: 'Downgrade' }] },
      });
      const id = created.body.id as string;
      const edited = await admin('PATCH', `/segments/${id}`, {
        conditions: { conditions: [{ type: 'event', event: 'Upgrade' }] },
      });
      expect(edited.body.building).toBe(true);
      await server().app.jobs.runDue(later());
      expect(await members(id)).toEqual(['dee']);
      // A new name alone builds nothing.
      const renamed = await admin('PATCH', `/segments/${id}`, { name: 'Upgraders' });
      expect(renamed.body).toMatchObject({ name: 'Upgraders', building: false, members: 1 });
      const jobs = await db()
        .selectFrom('jobs')
        .select(['done_at'])
        .where('kind', '=', 'segment.rebuild')
        .where('done_at', 'is', null)
        .execute();
      expect(jobs).toEqual([]);
    });
  });
});
