import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import type { EventSubmission } from './events.js';
import { openStore, type Store } from './index.js';
import {
  ensurePartitions,
  Maintenance,
  partitionName,
  partitions,
  weekStart,
} from './maintenance.js';

const DAY = 86_400_000;
const NOW = Date.now();

let counter = 0;
function event(
  receivedAt: number,
  messageId = `mt${++counter}`,
): EventSubmission['events'][number] {
  return {
    message_id: messageId,
    type: 'track',
    name: 'Tick',
    user_id: null,
    anonymous_id: 'anon-1',
    group_id: null,
    previous_id: null,
    properties: null,
    traits: null,
    context: null,
    integrations: null,
    timestamp: receivedAt,
    original_timestamp: null,
    sent_at: null,
    received_at: receivedAt,
  };
}

describeEachDialect('storage maintenance', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let ws: string;
  const write = (...events: EventSubmission['events']) =>
    store.events.write({ workspaceId: ws, events });
  const count = async () =>
    Number(
      (
        await store.database.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    ws = (await store.workspaces.create('Maintenance')).id;
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('deletes events past retention and keeps the rest', async () => {
    await write(...Array.from({ length: 30 }, () => event(NOW - 40 * DAY)));
    await write(event(NOW - 2 * DAY), event(NOW));
    const before = await count();
    const report = await new Maintenance(store.database, { retentionDays: 30 }).run(NOW);
    expect(report.ran).toBe(true);
    expect(await count()).toBe(before - 30);
    const left = await store.database.db.selectFrom('events').select('received_at').execute();
    expect(left.every((r) => r.received_at >= NOW - 30 * DAY)).toBe(true);
  });

  it('keeps everything when retention is 0', async () => {
    await write(event(NOW - 4000 * DAY));
    const before = await count();
    await new Maintenance(store.database, { retentionDays: 0 }).run(NOW);
    expect(await count()).toBe(before);
  });

  if (dialect !== 'postgres') return;

  it('keeps this week and the next two weeks partitioned ahead', async () => {
    const names = (await partitions(store.database.db)).map((p) => p.name);
    for (let week = 0; week <= 2; week++) {
      expect(names).toContain(partitionName(weekStart(Date.now()) + week * 7 * DAY));
    }
  });

  it('dedupes by messageId across partitions', async () => {
    await write(event(NOW, 'same-id'));
    await write(event(NOW + 8 * DAY, 'same-id'), event(NOW - 300 * DAY, 'same-id'));
    const rows = await store.database.db
      .selectFrom('events')
      .select('received_at')
      .where('message_id', '=', 'same-id')
      .execute();
    expect(rows).toEqual([{ received_at: NOW }]);
  });

  it('moves rows the default partition caught into a partition created later', async () => {
    const later = NOW + 10 * 7 * DAY;
    await write(event(later, 'early-arrival'));
    const created = await ensurePartitions(store.database.db, later);
    expect(created).toContain(partitionName(weekStart(later)));
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(partitionName(weekStart(later)))}
      where message_id = 'early-arrival'`.execute(store.database.db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('drops whole partitions past retention, and their messageIds', async () => {
    const old = NOW - 60 * DAY;
    await ensurePartitions(store.database.db, old);
    await write(event(old, 'old-one'));
    const report = await new Maintenance(store.database, { retentionDays: 30 }).run(NOW);
    expect(report.dropped).toContain(partitionName(weekStart(old)));
    const ids = await store.database.db
      .selectFrom('event_ids')
      .select('message_id')
      .where('message_id', '=', 'old-one')
      .execute();
    expect(ids).toEqual([]);
  });

  it('lets one node maintain at a time', async () => {
    const other = await store.database.db.connection().execute(async (db) => {
      await sql`select pg_advisory_lock(${0x48_52_4c_44})`.execute(db);
      try {
        return await new Maintenance(store.database, { retentionDays: 30 }).run(NOW);
      } finally {
        await sql`select pg_advisory_unlock(${0x48_52_4c_44})`.execute(db);
      }
    });
    expect(other.ran).toBe(false);
  });
});
