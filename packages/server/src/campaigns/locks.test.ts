import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import type { NewEvent } from '../store/schema.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import { counterKey, dayOf } from './conditions.js';
import { CounterBumps, recountCounters } from './counters.js';
import { lockPeople, lockRun } from './locks.js';
import type { Counter } from './rules.js';

const visit: Counter = { key: counterKey({ event: 'Visit' }), event: 'Visit', where: undefined };
let sequence = 0;
const track = (userId: string, now: number): Omit<NewEvent, 'workspace_id'> => ({
  message_id: `m${++sequence}`,
  type: 'track',
  name: 'Visit',
  user_id: userId,
  anonymous_id: null,
  group_id: null,
  previous_id: null,
  properties: '{}',
  traits: null,
  context: null,
  integrations: null,
  timestamp: now,
  original_timestamp: null,
  sent_at: null,
  received_at: now,
});

/**
 * A segment build against an ingest transaction in flight (PostgreSQL: on SQLite one connection
 * runs one transaction at a time, so they cannot overlap).
 */
describeEachDialect('people locks', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let ws: string;
  let ids: string[];
  const userOf = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    ws = (await store.workspaces.create('Locks')).id;
    const now = Date.now();
    await store.events.write({
      workspaceId: ws,
      events: ['u1', 'u2', 'u3', 'u4'].map((userId) => track(userId, now)),
    });
    const rows = await store.database.db
      .selectFrom('profiles')
      .select(['id', 'user_id'])
      .where('workspace_id', '=', ws)
      .orderBy('id')
      .execute();
    ids = rows.map((r) => r.id);
    for (const row of rows) userOf.set(row.id, row.user_id);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('locks every listed person when nobody else holds them', async () => {
    const run = await store.database.db.transaction().execute((trx) => lockRun(trx, dialect, ids));
    expect(run).toEqual(ids);
  });

  it.runIf(dialect === 'postgres')(
    'a build skips a person whose new event is not committed yet, and counts it once after',
    async () => {
      const { db } = store.database;
      const held = ids[2]!;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const locked = new Promise<void>((resolve) => (holding = resolve));
      // As the ingest path applies a call: the event stored, the person locked, counted.
      const ingest = db.transaction().execute(async (trx) => {
        const now = Date.now();
        await trx
          .insertInto('events')
          .values({ ...track(userOf.get(held)!, now), workspace_id: ws })
          .execute();
        await lockPeople(trx, dialect, [held]);
        const bumps = new CounterBumps();
        bumps.add(held, visit.key, dayOf(now));
        await bumps.write(trx, ws);
        holding();
        await gate;
      });
      await locked;
      const step = (people: string[]) =>
        db.transaction().execute(async (trx) => {
          const run = await lockRun(trx, dialect, people);
          await recountCounters(trx, ws, run, [visit], Date.now());
          return run;
        });
      // The build stops before the held person instead of waiting for (or missing) its event.
      const first = await step(ids);
      expect(first).toEqual(ids.slice(0, 2));
      release();
      await ingest;
      const rest = await step(ids.slice(first.length));
      expect([...first, ...rest]).toEqual(ids);

      const counts = await db
        .selectFrom('person_event_counts')
        .select(['profile_id', 'count'])
        .where('counter', '=', visit.key)
        .execute();
      const byProfile = Object.fromEntries(counts.map((c) => [c.profile_id, Number(c.count)]));
      expect(ids.map((id) => byProfile[id])).toEqual([1, 1, 2, 1]);
    },
  );
});
