import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/databases.js';
import { useMigrationDatabase } from '../../test-support/migrations.js';

const HOUR = 3_600_000;

/** People merged before 0009 get their split message data folded, as a merge does now. */
describeEachDialect('migration 0009 (merged people)', (dialect) => {
  const database = useMigrationDatabase(dialect);

  it('folds the states, queue and conversions of people merged before it', async () => {
    const { db } = database;
    await database.migrateTo('0008_ingest_journal');
    await database.insertWorkspace();
    // Profile `gone` (userId old) was merged into `kept` (userId new) before 0009.
    await database.insertProfiles([{ id: 'kept', userId: 'new' }]);
    await db
      .insertInto('identities')
      .values(
        (['old', 'new'] as const).map((value) => ({
          workspace_id: 'ws_1',
          kind: 'user' as const,
          value,
          profile_id: 'kept',
          created_at: 1,
        })),
      )
      .execute();
    await db
      .insertInto('messages')
      .values({
        id: 'msg_1',
        workspace_id: 'ws_1',
        status: 'active',
        version: 1,
        definition: '{}',
        audience: 'identified',
        priority: 5,
        start_at: null,
        end_at: null,
        launched_at: 1,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const state = { message_id: 'msg_1', workspace_id: 'ws_1', first_clicked_at: null };
    await db
      .insertInto('message_states')
      .values([
        {
          ...state,
          visitor: 'u:old',
          views: 2,
          first_viewed_at: 10,
          last_viewed_at: 20,
          dismissed_at: 20,
        },
        {
          ...state,
          visitor: 'u:new',
          views: 1,
          first_viewed_at: 30,
          last_viewed_at: 30,
          dismissed_at: null,
        },
      ])
      .execute();
    await db
      .insertInto('conversions')
      .values([
        {
          message_id: 'msg_1',
          profile_id: 'gone',
          workspace_id: 'ws_1',
          visitor: 'u:old',
          converted_at: HOUR,
        },
        {
          message_id: 'msg_1',
          profile_id: 'kept',
          workspace_id: 'ws_1',
          visitor: 'u:new',
          converted_at: 3 * HOUR,
        },
      ])
      .execute();
    await db
      .insertInto('message_stats')
      .values([
        { message_id: 'msg_1', hour: HOUR, metric: 'conversion', action: '', count: 1 },
        { message_id: 'msg_1', hour: 3 * HOUR, metric: 'conversion', action: '', count: 1 },
      ])
      .execute();
    const entry = {
      workspace_id: 'ws_1',
      message_id: 'msg_1',
      kind: 'broadcast' as const,
      expires_at: 10 * HOUR,
      consumed_at: null,
      source_id: 'bc_1',
    };
    await db
      .insertInto('message_queue')
      .values([
        {
          ...entry,
          id: 'q_old',
          visitor: 'u:old',
          profile_id: 'gone',
          dedupe_key: 'b:bc_1:gone',
          created_at: 5,
          views: 1,
          opened_at: 6,
          last_viewed_at: 6,
        },
        {
          ...entry,
          id: 'q_new',
          visitor: 'u:new',
          profile_id: 'kept',
          dedupe_key: 'b:bc_1:kept',
          created_at: 7,
          views: 0,
        },
      ])
      .execute();

    await database.migrateToLatest();

    const states = await db.selectFrom('message_states').selectAll().execute();
    expect(states.map((s) => ({ ...s, views: Number(s.views) }))).toEqual([
      {
        ...state,
        visitor: 'u:new',
        views: 3,
        first_viewed_at: 10,
        last_viewed_at: 30,
        dismissed_at: 20,
        // Added by 0011 and 0012, which ran after.
        variant: null,
        locale: null,
        exposed_at: null,
        read_at: null,
        archived_at: null,
      },
    ]);
    const conversions = await db.selectFrom('conversions').selectAll().execute();
    expect(conversions).toEqual([
      {
        message_id: 'msg_1',
        profile_id: 'kept',
        workspace_id: 'ws_1',
        visitor: 'u:old',
        converted_at: HOUR,
        variant: null,
        locale: null,
      },
    ]);
    const stats = await db
      .selectFrom('message_stats')
      .select(['hour', 'count'])
      .orderBy('hour')
      .execute();
    expect(stats.map((s) => [Number(s.hour), Number(s.count)])).toEqual([
      [HOUR, 1],
      [3 * HOUR, 0],
    ]);
    const queue = await db
      .selectFrom('message_queue')
      .select(['id', 'visitor', 'profile_id', 'dedupe_key', 'views', 'opened_at', 'created_at'])
      .execute();
    expect(
      queue.map((q) => ({ ...q, views: Number(q.views), created_at: Number(q.created_at) })),
    ).toEqual([
      {
        id: 'q_new',
        visitor: 'u:new',
        profile_id: 'kept',
        dedupe_key: 'b:bc_1:kept',
        views: 1,
        opened_at: 6,
        created_at: 5,
      },
    ]);
  });
});
