/**
 * The ingest log: each accepted tracking request as it was received, appended (one row per
 * request) before the request is answered, and drained by the ingest processor, which turns the
 * rows into events and deletes them in the same transaction.
 *
 * Ids must only grow: the processor and read-your-writes rely on it. SQLite without
 * AUTOINCREMENT would hand out id 1 again once the log is empty.
 */
export function ingestLog(dialect) {
    return {
        async up(db) {
            await db.schema
                .createTable('ingest_log')
                .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                // 'batch', or the call type of a single call ('track', 'identify', …).
                .addColumn('route', 'text', (c) => c.notNull())
                .addColumn('received_at', 'bigint', (c) => c.notNull())
                // The request body exactly as received.
                .addColumn('body', 'text', (c) => c.notNull())
                .addColumn('item_count', 'integer', (c) => c.notNull())
                // Set when the processor could not apply the row: it is kept aside, never dropped.
                .addColumn('error', 'text')
                .addColumn('failed_at', 'bigint')
                .execute();
        },
    };
}
//# sourceMappingURL=0004_ingest_log.js.map