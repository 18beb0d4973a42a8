import type { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import { type EventSubmission, EventPipeline } from './event-pipeline.js';
import { GroupCommitter } from './group-commit.js';
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
export class EventWriter {
  /** Shared with the ingest processor: one insert and one set of effects for every event. */
  readonly pipeline: EventPipeline;
  private readonly committer: GroupCommitter<EventSubmission>;

  constructor(
    private readonly db: Kysely<Schema>,
    dialect: DialectName,
  ) {
    this.pipeline = new EventPipeline(dialect);
    this.committer = new GroupCommitter((group) => this.commit(group), {
      sizeOf: (s) => s.events.length,
    });
  }

  /** Adds an effect that runs, after those already added, on every submission's new events. */
  addEffect(effect: IngestEffect): void {
    this.pipeline.addEffect(effect);
  }

  /** Resolves once every event is committed (or was already stored under its messageId). */
  write(submission: EventSubmission): Promise<void> {
    if (submission.events.length === 0) return Promise.resolve();
    return this.committer.submit(submission);
  }

  /** Commits what is queued and stops taking writes. */
  close(): Promise<void> {
    return this.committer.close();
  }

  private async commit(group: EventSubmission[]): Promise<void> {
    const callbacks: Array<() => void> = [];
    await this.db.transaction().execute(async (trx) => {
      for (const submission of group) {
        await this.pipeline.apply(trx, submission, (fn) => callbacks.push(fn));
      }
    });
    for (const fn of callbacks) fn();
  }
}
