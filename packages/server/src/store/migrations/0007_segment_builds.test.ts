import { Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../test-support/databases.js';
import { postgresDialect } from '../postgres.js';
import type { Schema } from '../schema.js';
import { sqliteDialect } from '../sqlite.js';
import { migrations } from './index.js';

/** Segments that existed before builds get one when they count events. */
describeEachDialect('migration 0007 (segment builds)', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<Schema>;
  const migrator = () =>
    new Migrator({
      db,
      provider: { getMigrations: async () => migrations(dialect) },
      migrationTableName: 'herald_migrations',
      migrationLockTableName: 'herald_migrations_lock',
    });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const url = database.options.databaseUrl;
    db = new Kysely<Schema>({
      dialect: url ? postgresDialect(url) : sqliteDialect(database.options.dataDir),
    });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('schedules a build for each segment with event conditions', async () => {
    const before = await migrator().migrateTo('0006_campaigns');
    expect(before.error).toBeUndefined();
    await db
      .insertInto('workspaces')
      .values({ id: 'ws_1', name: 'Old', settings: '{}', created_at: 1, updated_at: 1 })
      .execute();
    const segment = (id: string, conditions: unknown[]) => ({
      id,
      workspace_id: 'ws_1',
      name: id,
      definition: JSON.stringify({ match: 'all', conditions }),
      created_at: 5,
      updated_at: 7,
    });
    const trait = { type: 'trait', trait: 'plan', op: 'exists' };
    const event = { type: 'event', event: 'Order', atLeast: 1, withinDays: 30 };
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('segments')
      .values([
        segment('seg_traits', [trait]),
        segment('seg_events', [trait, { match: 'any', conditions: [event] }]),
      ])
      .execute();

    const after = await migrator().migrateToLatest();
    expect(after.error).toBeUndefined();
    const rows = await db
      .selectFrom('segments')
      .select(['id', 'conditions_version', 'built_through'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, conditions_version: Number(r.conditions_version) }))).toEqual([
      { id: 'seg_events', conditions_version: 7, built_through: '' },
      { id: 'seg_traits', conditions_version: 7, built_through: null },
    ]);
    const jobs = await db.selectFrom('jobs').select(['kind', 'payload', 'done_at']).execute();
    expect(jobs.map((j) => [j.kind, JSON.parse(j.payload), j.done_at])).toEqual([
      ['segment.rebuild', { segmentId: 'seg_events', version: 7 }, null],
    ]);
  });
});
