import type { Kysely } from 'kysely';

/**
 * An index for a message's unique viewers in a range (MetricsRepository.forMessage): the
 * visitors whose first view of it falls in the range. The primary key (message_id, visitor)
 * finds the message's states but not their first views, so the count read every state row of
 * the message, and PostgreSQL scanned the whole table once a message had most of its rows; with
 * this index the count reads only index entries (an index-only scan where the table is
 * vacuumed), and only those in the range.
 *
 * `first_viewed_at` is written once per state (coalesced), so view updates stay HOT on
 * PostgreSQL: they change `views` and `last_viewed_at`, neither indexed.
 */
export function messageViewers() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('message_states_by_first_view')
        .on('message_states')
        .columns(['message_id', 'first_viewed_at'])
        .execute();
    },
  };
}
