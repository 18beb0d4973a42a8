import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * `events_by_user` (workspace_id, user_id, timestamp) becomes (workspace_id, user_id, name,
 * timestamp). A segment build recounts a chunk of people's calls of one event name
 * (campaigns/counters.ts), and goals look for a person's calls of one name: on the old index
 * PostgreSQL read every call of each person, through the table, to keep the few of that name
 * (at a million people, 150 ms for 500 of them; 34 ms on this one). On PostgreSQL it also
 * carries `type` and `received_at`, which those reads test, so they need not visit the table.
 * The reads by person alone (activity, erasure) use its first two columns as before.
 *
 * It replaces the old index rather than joining it: every stored event writes one entry
 * either way. Built in the upgrade's transaction: writes to `events` wait for it.
 */
export function eventsByUserAndName(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`create index events_by_user_name on events
          (workspace_id, user_id, name, timestamp) include (type, received_at)`.execute(db);
      } else {
        await db.schema
          .createIndex('events_by_user_name')
          .on('events')
          .columns(['workspace_id', 'user_id', 'name', 'timestamp'])
          .execute();
      }
      await db.schema.dropIndex('events_by_user').execute();
    },
  };
}
