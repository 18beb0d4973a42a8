import type { Kysely } from 'kysely';

/**
 * The inbox (inapp/inbox.ts): a visitor's message state records when they read an inbox item and
 * when they archived it. Nullable: existing rows are unread and in the inbox, as they were.
 */
export function inbox() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['read_at', 'archived_at'] as const) {
        await db.schema.alterTable('message_states').addColumn(column, 'bigint').execute();
      }
    },
  };
}
