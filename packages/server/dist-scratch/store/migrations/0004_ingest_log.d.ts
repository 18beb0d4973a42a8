import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
/**
 * The ingest log: each accepted tracking request as it was received, appended (one row per
 * request) before the request is answered, and drained by the ingest processor, which turns the
 * rows into events and deletes them in the same transaction.
 *
 * Ids must only grow: the processor and read-your-writes rely on it. SQLite without
 * AUTOINCREMENT would hand out id 1 again once the log is empty.
 */
export declare function ingestLog(dialect: DialectName): {
    up(db: Kysely<unknown>): Promise<void>;
};
//# sourceMappingURL=0004_ingest_log.d.ts.map