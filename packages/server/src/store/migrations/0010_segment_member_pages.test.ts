import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { CampaignRepository } from '../../campaigns/repository.js';
import { describeEachDialect } from '../../test-support/databases.js';
import { useMigrationDatabase } from '../../test-support/migrations.js';
import { encodeCursor } from '../people.js';
import type { Schema } from '../schema.js';

/** Segment members gain the index their pages are read by, over the rows already there. */
describeEachDialect('migration 0010 (segment member pages)', (dialect) => {
  /** The queries run, for reading the plan of one. */
  const queries: CompiledQuery[] = [];
  const database = useMigrationDatabase(dialect, {
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });

  it('indexes (segment_id, entered_at, profile_id), and pages read by it', async () => {
    const { db } = database;
    await database.migrateTo('0009_merged_people');
    await database.insertWorkspace();
    await db
      .insertInto('segments')
      .values({
        id: 'seg_1',
        workspace_id: 'ws_1',
        name: 'Old',
        definition: '{"match":"all","conditions":[]}',
        created_at: 1,
        updated_at: 1,
        conditions_version: 1,
        built_through: null,
      })
      .execute();
    const people = Array.from({ length: 5 }, (_, i) => `prf_${i}`);
    await database.insertProfiles(people.map((id, i) => ({ id, userId: `user${i}` })));
    // Two entered at the same instant: the profile id breaks the tie.
    await db
      .insertInto('segment_members')
      .values(
        people.map((id, i) => ({
          segment_id: 'seg_1',
          profile_id: id,
          workspace_id: 'ws_1',
          entered_at: 1000 + Math.min(i, 3),
        })),
      )
      .execute();

    await database.migrateToLatest();
    expect(await indexColumns(db, dialect, 'segment_members_by_entry')).toBe(
      'segment_id, entered_at, profile_id',
    );

    const repository = new CampaignRepository(db);
    const first = await repository.members('ws_1', 'seg_1', { limit: 2 });
    expect(first.data.map((m) => m.userId)).toEqual(['user4', 'user3']);
    expect(first.next).toBe(encodeCursor(1003, 'prf_3'));
    queries.length = 0;
    const second = await repository.members('ws_1', 'seg_1', { limit: 3, before: first.next! });
    expect(second.data.map((m) => m.userId)).toEqual(['user2', 'user1', 'user0']);
    expect(second.next).toBeNull();

    // SQLite's plan does not depend on table statistics: the page reads the new index in
    // order, with no sort of the segment's rows.
    if (dialect === 'sqlite') {
      const query = queries.at(-1)!;
      const { rows } = await db.executeQuery<{ detail: string }>({
        ...query,
        sql: `EXPLAIN QUERY PLAN ${query.sql}`,
      });
      const plan = rows.map((row) => row.detail).join('\n');
      expect(plan).toContain('segment_members USING INDEX segment_members_by_entry');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});

/** An index's columns in order, from the dialect's catalogue: `a, b, c`. */
async function indexColumns(
  db: Kysely<Schema>,
  dialect: 'sqlite' | 'postgres',
  name: string,
): Promise<string> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ definition: string }>`
          SELECT sql AS definition FROM sqlite_master WHERE type = 'index' AND name = ${name}`.execute(
          db,
        )
      : await sql<{ definition: string }>`
          SELECT indexdef AS definition FROM pg_indexes WHERE indexname = ${name}`.execute(db);
  const definition = rows[0]?.definition ?? '';
  return /\(([^()]*)\)\s*$/.exec(definition.replaceAll('"', ''))?.[1] ?? definition;
}
