/**
 * In-app messages, what each visitor did with them, their hourly figures, conversions, and the
 * per-person queue (test sends now; broadcasts and campaigns later).
 */
export function inApp() {
    return {
        async up(db) {
            await db.schema
                .createTable('messages')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('status', 'text', (c) => c.notNull())
                .addColumn('version', 'integer', (c) => c.notNull())
                /** The whole MessageDefinition as JSON; the columns below repeat what queries need. */
                .addColumn('definition', 'text', (c) => c.notNull())
                .addColumn('audience', 'text', (c) => c.notNull())
                .addColumn('priority', 'integer', (c) => c.notNull())
                .addColumn('start_at', 'bigint')
                .addColumn('end_at', 'bigint')
                .addColumn('launched_at', 'bigint')
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('messages_by_workspace')
                .on('messages')
                .columns(['workspace_id', 'status'])
                .execute();
            // One row per (message, visitor); `visitor` is `a:<anonymousId>` or `u:<userId>`.
            await db.schema
                .createTable('message_states')
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('visitor', 'text', (c) => c.notNull())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('views', 'integer', (c) => c.notNull())
                .addColumn('first_viewed_at', 'bigint')
                .addColumn('last_viewed_at', 'bigint')
                .addColumn('dismissed_at', 'bigint')
                .addColumn('first_clicked_at', 'bigint')
                .addPrimaryKeyConstraint('message_states_pk', ['message_id', 'visitor'])
                .execute();
            // Delivery reads every state of one visitor at once.
            await db.schema
                .createIndex('message_states_by_visitor')
                .on('message_states')
                .columns(['workspace_id', 'visitor'])
                .execute();
            // Counters per message and hour: views, dismissals, clicks per action, conversions, errors.
            await db.schema
                .createTable('message_stats')
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('hour', 'bigint', (c) => c.notNull())
                .addColumn('metric', 'text', (c) => c.notNull())
                .addColumn('action', 'text', (c) => c.notNull())
                .addColumn('count', 'integer', (c) => c.notNull())
                .addPrimaryKeyConstraint('message_stats_pk', ['message_id', 'hour', 'metric', 'action'])
                .execute();
            // A profile converts once per message, however many anonymous IDs merged into it.
            await db.schema
                .createTable('conversions')
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('profile_id', 'text', (c) => c.notNull())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('visitor', 'text', (c) => c.notNull())
                .addColumn('converted_at', 'bigint', (c) => c.notNull())
                .addPrimaryKeyConstraint('conversions_pk', ['message_id', 'profile_id'])
                .execute();
            // Messages queued for one person regardless of targeting: test sends (and later broadcasts).
            await db.schema
                .createTable('message_queue')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('visitor', 'text', (c) => c.notNull())
                .addColumn('kind', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('expires_at', 'bigint', (c) => c.notNull())
                .addColumn('consumed_at', 'bigint')
                .execute();
            await db.schema
                .createIndex('message_queue_by_visitor')
                .on('message_queue')
                .columns(['workspace_id', 'visitor'])
                .execute();
        },
    };
}
//# sourceMappingURL=0002_in_app.js.map