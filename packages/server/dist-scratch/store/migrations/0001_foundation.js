import { sql } from 'kysely';
/** Workspaces and their keys, profiles, identities and the activity log. */
export function foundation(dialect) {
    return {
        async up(db) {
            await db.schema
                .createTable('workspaces')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('name', 'text', (c) => c.notNull())
                .addColumn('settings', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createTable('workspace_keys')
                .addColumn('token', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('kind', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('revoked_at', 'bigint')
                .execute();
            await db.schema
                .createIndex('workspace_keys_by_workspace')
                .on('workspace_keys')
                .columns(['workspace_id', 'kind'])
                .execute();
            await db.schema
                .createTable('profiles')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('user_id', 'text', (c) => c.notNull())
                .addColumn('email', 'text')
                .addColumn('traits', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
                .addUniqueConstraint('profiles_user_unique', ['workspace_id', 'user_id'])
                .execute();
            await db.schema
                .createIndex('profiles_by_email')
                .on('profiles')
                .columns(['workspace_id', 'email'])
                .execute();
            await db.schema
                .createTable('identities')
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('kind', 'text', (c) => c.notNull())
                .addColumn('value', 'text', (c) => c.notNull())
                .addColumn('profile_id', 'text', (c) => c.notNull().references('profiles.id').onDelete('cascade'))
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addPrimaryKeyConstraint('identities_pk', ['workspace_id', 'kind', 'value'])
                .execute();
            await db.schema
                .createIndex('identities_by_profile')
                .on('identities')
                .column('profile_id')
                .execute();
            if (dialect === 'postgres') {
                await partitionedEvents(db);
            }
            else {
                await db.schema
                    .createTable('events')
                    .addColumn('id', 'integer', (c) => c.primaryKey())
                    .$call(eventColumns)
                    .addUniqueConstraint('events_message_unique', ['workspace_id', 'message_id'])
                    .execute();
            }
            // The activity log is read per person, newest first: by userId and by anonymous ID.
            await db.schema
                .createIndex('events_by_user')
                .on('events')
                .columns(['workspace_id', 'user_id', 'timestamp'])
                .execute();
            await db.schema
                .createIndex('events_by_anonymous')
                .on('events')
                .columns(['workspace_id', 'anonymous_id', 'timestamp'])
                .execute();
        },
    };
}
/** The columns of `events` after its id, the same on both dialects. */
function eventColumns(table) {
    return table
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('user_id', 'text')
        .addColumn('anonymous_id', 'text')
        .addColumn('group_id', 'text')
        .addColumn('previous_id', 'text')
        .addColumn('properties', 'text')
        .addColumn('traits', 'text')
        .addColumn('context', 'text')
        .addColumn('integrations', 'text')
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('original_timestamp', 'bigint')
        .addColumn('sent_at', 'bigint')
        .addColumn('received_at', 'bigint', (c) => c.notNull());
}
/**
 * PostgreSQL: `events` is partitioned by range of `received_at` (the server's clock, epoch ms),
 * one partition a week, so that retention drops whole partitions instead of deleting rows
 * (store/partitions.ts creates them ahead and drops old ones). A partitioned table's unique
 * constraints must include the partition key, so dedupe by messageId cannot live on `events`:
 * `event_ids` holds one small row per stored event, keyed by (workspace, messageId), and the
 * insert goes through it first (event-pipeline.ts). Its rows expire with the events' retention.
 * The default partition catches a row whose week has no partition (a request logged long
 * before it was processed), so an insert never fails for want of one. docs/scaling.md explains.
 */
async function partitionedEvents(db) {
    await db.schema
        .createTable('events')
        .addColumn('id', 'bigserial', (c) => c.notNull())
        .$call(eventColumns)
        .addPrimaryKeyConstraint('events_pk', ['id', 'received_at'])
        .modifyEnd(sql `partition by range (received_at)`)
        .execute();
    await sql `create table events_default partition of events default`.execute(db);
    await db.schema
        .createTable('event_ids')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_ids_pk', ['workspace_id', 'message_id'])
        .execute();
    // Rows arrive in received_at order, so a BRIN index finds the expired ones for a fraction of
    // a B-tree's size and upkeep on this write-hot table.
    await sql `create index event_ids_by_received on event_ids using brin (received_at)`.execute(db);
}
//# sourceMappingURL=0001_foundation.js.map