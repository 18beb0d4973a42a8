import { type Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import type { IngestEffect } from './ingest-effect.js';
import type { NewEvent, Schema } from './schema.js';
/** Events of one workspace, submitted together (one request, or a run of logged requests). */
export interface EventSubmission {
    workspaceId: string;
    events: Array<Omit<NewEvent, 'workspace_id'>>;
}
/**
 * The one path by which events enter the database, whoever submits them (the in-app intake
 * through EventWriter, the tracking API through the ingest processor): store each event at most
 * once per messageId, then apply what follows from the new ones (identities first, then the
 * effects added) in the caller's transaction.
 */
export declare class EventPipeline {
    private readonly dialect;
    private readonly effects;
    /** INSERT statements by row count: building one through Kysely costs more than running it. */
    private readonly insertSql;
    constructor(dialect: DialectName);
    /** Adds an effect that runs, after those already added, on every submission's new events. */
    addEffect(effect: IngestEffect): void;
    /**
     * Stores `submission`'s events and applies every effect to those that were new, inside `trx`.
     * `afterCommit` collects what must happen once the transaction has committed.
     */
    apply(trx: Kysely<Schema>, submission: EventSubmission, afterCommit: (fn: () => void) => void): Promise<void>;
    private insert;
    /**
     * `INSERT … ON CONFLICT DO NOTHING RETURNING message_id` for `count` rows, in this dialect.
     * On PostgreSQL `events` is partitioned and cannot hold the (workspace, messageId) unique key:
     * the rows go through `event_ids` first, and only those new there enter `events`, in one
     * statement (migrations/0001_foundation.ts).
     */
    private insertStatement;
}
//# sourceMappingURL=event-pipeline.d.ts.map