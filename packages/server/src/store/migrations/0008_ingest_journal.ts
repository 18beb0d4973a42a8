import type { Kysely } from 'kysely';

/**
 * How far the ingest journal (SQLite's ingest log, store/ingest-journal/) is applied: one row,
 * moved forward by the ingest processor in the transaction that applies the requests. Unused on
 * PostgreSQL, whose ingest log is the `ingest_log` table.
 */
export function ingestJournal() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ingest_journal')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('applied_through', 'bigint', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ ingest_journal: { id: number; applied_through: number } }>)
        .insertInto('ingest_journal')
        .values({ id: 1, applied_through: 0 })
        .execute();
    },
  };
}
