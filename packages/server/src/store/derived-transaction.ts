import { type Kysely, sql } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Schema } from './schema.js';

/**
 * A transaction whose commit returns before it is synced to disk: for writes derived from a
 * durable log (the ingest processor's), which a crash of the machine may take back but never
 * tears, and which are then applied again from the log. A crash of the process alone loses
 * nothing. The next ordinary (synced) commit makes it durable, with everything before it.
 *
 * SQLite: `synchronous = NORMAL` for that one transaction (the setting cannot change inside
 * one, so it is set around it, on the one connection, before anyone else may use it).
 * PostgreSQL: `SET LOCAL synchronous_commit = off`.
 *
 * @example
 * await derivedTransaction(db, dialect, async (trx) => {
 *   const rows = await log.claim(trx, 64);
 *   // … apply them; their effects commit with the claim, synced or not, together …
 * });
 */
export async function derivedTransaction<T>(
  db: Kysely<Schema>,
  dialect: DialectName,
  fn: (trx: Kysely<Schema>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = normal`.execute(connection);
    try {
      return await connection.transaction().execute(fn);
    } finally {
      await sql`pragma synchronous = full`.execute(connection);
    }
  });
}
