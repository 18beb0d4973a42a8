/**
 * Campaigns and broadcasts for identified people: segments and their members, per-person daily
 * event counters (so that "performed X at least N times in the last D days" never scans
 * `events`), broadcasts, event- and segment-triggered campaigns, and the durable job runner.
 * `message_queue` learns where an entry came from and what the person did with it.
 */
export function campaigns() {
    return {
        async up(db) {
            await db.schema
                .createTable('segments')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('name', 'text', (c) => c.notNull())
                // The SegmentDefinition (conditions) as JSON.
                .addColumn('definition', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('segments_by_workspace')
                .on('segments')
                .column('workspace_id')
                .execute();
            await db.schema
                .createTable('segment_members')
                .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
                .addColumn('profile_id', 'text', (c) => c.notNull())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('entered_at', 'bigint', (c) => c.notNull())
                .addPrimaryKeyConstraint('segment_members_pk', ['segment_id', 'profile_id'])
                .execute();
            // A person's segments, read by delivery (audience.segment) and by evaluation.
            await db.schema
                .createIndex('segment_members_by_profile')
                .on('segment_members')
                .column('profile_id')
                .execute();
            // Events per person, counter key (event name, or name + property filters) and UTC day.
            await db.schema
                .createTable('person_event_counts')
                .addColumn('profile_id', 'text', (c) => c.notNull())
                .addColumn('workspace_id', 'text', (c) => c.notNull())
                .addColumn('counter', 'text', (c) => c.notNull())
                .addColumn('day', 'bigint', (c) => c.notNull())
                .addColumn('count', 'integer', (c) => c.notNull())
                .addPrimaryKeyConstraint('person_event_counts_pk', ['profile_id', 'counter', 'day'])
                .execute();
            await db.schema
                .createTable('broadcasts')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('name', 'text', (c) => c.notNull())
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('segment_id', 'text', (c) => c.notNull())
                .addColumn('status', 'text', (c) => c.notNull())
                .addColumn('send_at', 'bigint', (c) => c.notNull())
                .addColumn('expires_days', 'integer', (c) => c.notNull())
                .addColumn('sent_at', 'bigint')
                .addColumn('stopped_at', 'bigint')
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('broadcasts_by_workspace')
                .on('broadcasts')
                .column('workspace_id')
                .execute();
            await db.schema
                .createTable('campaigns')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
                .addColumn('name', 'text', (c) => c.notNull())
                .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
                .addColumn('status', 'text', (c) => c.notNull())
                // The CampaignDefinition (trigger, filters, delay, expiry) as JSON.
                .addColumn('definition', 'text', (c) => c.notNull())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .addColumn('updated_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('campaigns_by_workspace')
                .on('campaigns')
                .column('workspace_id')
                .execute();
            await db.schema
                .createTable('jobs')
                .addColumn('id', 'text', (c) => c.primaryKey())
                .addColumn('workspace_id', 'text')
                .addColumn('kind', 'text', (c) => c.notNull())
                .addColumn('payload', 'text', (c) => c.notNull())
                .addColumn('run_at', 'bigint', (c) => c.notNull())
                .addColumn('attempts', 'integer', (c) => c.notNull())
                // Unused for now: a claim holds the row lock for the job's transaction instead of a lease.
                .addColumn('locked_until', 'bigint')
                .addColumn('done_at', 'bigint')
                .addColumn('failed_at', 'bigint')
                .addColumn('last_error', 'text')
                // Scheduling the same thing twice (a retried request, two nodes) makes one job.
                .addColumn('idempotency_key', 'text', (c) => c.unique())
                .addColumn('created_at', 'bigint', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('jobs_due')
                .on('jobs')
                .columns(['done_at', 'failed_at', 'run_at'])
                .execute();
            // Where a queued entry came from (a broadcast or campaign id), for whom, with which event,
            // what the person did with it; a unique key makes a double send impossible.
            await db.schema.alterTable('message_queue').addColumn('source_id', 'text').execute();
            await db.schema.alterTable('message_queue').addColumn('profile_id', 'text').execute();
            await db.schema.alterTable('message_queue').addColumn('payload', 'text').execute();
            await db.schema.alterTable('message_queue').addColumn('dedupe_key', 'text').execute();
            await db.schema.alterTable('message_queue').addColumn('views', 'integer').execute();
            await db.schema.alterTable('message_queue').addColumn('opened_at', 'bigint').execute();
            await db.schema.alterTable('message_queue').addColumn('last_viewed_at', 'bigint').execute();
            await db.schema.alterTable('message_queue').addColumn('dismissed_at', 'bigint').execute();
            await db.schema.alterTable('message_queue').addColumn('clicked_at', 'bigint').execute();
            await db.schema.alterTable('message_queue').addColumn('withdrawn_at', 'bigint').execute();
            await db.schema
                .createIndex('message_queue_dedupe')
                .on('message_queue')
                .columns(['workspace_id', 'dedupe_key'])
                .unique()
                .execute();
            await db.schema
                .createIndex('message_queue_by_source')
                .on('message_queue')
                .column('source_id')
                .execute();
        },
    };
}
//# sourceMappingURL=0006_campaigns.js.map