import { EventPipeline } from './event-pipeline.js';
import { GroupCommitter } from './group-commit.js';
/**
 * Synchronous ingest: stores submitted events durably through the {@link EventPipeline} (at most
 * once per messageId, with identities and effects in the same transaction) and resolves once
 * they are committed. Concurrent submissions share a transaction (group commit).
 *
 * The in-app event intake writes this way; the tracking API goes through the ingest log and its
 * processor instead, which apply the same pipeline.
 */
export class EventWriter {
    db;
    /** Shared with the ingest processor: one insert and one set of effects for every event. */
    pipeline;
    committer;
    constructor(db, dialect) {
        this.db = db;
        this.pipeline = new EventPipeline(dialect);
        this.committer = new GroupCommitter((group) => this.commit(group), {
            sizeOf: (s) => s.events.length,
        });
    }
    /** Adds an effect that runs, after those already added, on every submission's new events. */
    addEffect(effect) {
        this.pipeline.addEffect(effect);
    }
    /** Resolves once every event is committed (or was already stored under its messageId). */
    write(submission) {
        if (submission.events.length === 0)
            return Promise.resolve();
        return this.committer.submit(submission);
    }
    /** Commits what is queued and stops taking writes. */
    close() {
        return this.committer.close();
    }
    async commit(group) {
        const callbacks = [];
        await this.db.transaction().execute(async (trx) => {
            for (const submission of group) {
                await this.pipeline.apply(trx, submission, (fn) => callbacks.push(fn));
            }
        });
        for (const fn of callbacks)
            fn();
    }
}
//# sourceMappingURL=events.js.map