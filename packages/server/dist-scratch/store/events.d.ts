import type { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import { type EventSubmission, EventPipeline } from './event-pipeline.js';
import type { IngestEffect } from './ingest-effect.js';
import type { Schema } from './schema.js';
export type { EventSubmission } from './event-pipeline.js';
/**
 * Synchronous ingest: stores submitted events durably through the {@link EventPipeline} (at most
 * once per messageId, with identities and effects in the same transaction) and resolves once
 * they are committed. Concurrent submissions share a transaction (group commit).
 *
 * The in-app event intake writes this way; the tracking API goes through the ingest log and its
 * processor instead, which apply the same pipeline.
 */
export declare class EventWriter {
    private readonly db;
    /** Shared with the ingest processor: one insert and one set of effects for every event. */
    readonly pipeline: EventPipeline;
    private readonly committer;
    constructor(db: Kysely<Schema>, dialect: DialectName);
    /** Adds an effect that runs, after those already added, on every submission's new events. */
    addEffect(effect: IngestEffect): void;
    /** Resolves once every event is committed (or was already stored under its messageId). */
    write(submission: EventSubmission): Promise<void>;
    /** Commits what is queued and stops taking writes. */
    close(): Promise<void>;
    private commit;
}
//# sourceMappingURL=events.d.ts.map