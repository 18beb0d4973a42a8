import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/databases.js';
import { useMigrationDatabase } from '../../test-support/migrations.js';

/** Segments that existed before builds get one when they count events. */
describeEachDialect('migration 0007 (segment builds)', (dialect) => {
  const database = useMigrationDatabase(dialect);

  it('schedules a build for each segment with event conditions', async () => {
    const { db } = database;
    await database.migrateTo('0006_campaigns');
    await database.insertWorkspace();
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

    await database.migrateToLatest();
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
