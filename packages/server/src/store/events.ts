import type { Kysely } from 'kysely';
import { GroupCommitter } from './group-commit.js';
import { IdentityWriter } from './identity.js';
import type { NewEvent, Schema } from './schema.js';

/** Events of one workspace, submitted together by one request. */
export interface EventSubmission {
  workspaceId: string;
  events: Array<Omit<NewEvent, 'workspace_id'>>;
}

/** Rows per INSERT: well under both dialects' bound-parameter limits (16 columns a row). */
const INSERT_CHUNK = 500;

/**
 * The ingest path: stores accepted tracking calls durably, at most once per messageId, and
 * applies their identity effects in the same transaction.
 */
export class EventWriter {
  private readonly committer: GroupCommitter<EventSubmission>;

  constructor(private readonly db: Kysely<Schema>) {
    this.committer = new GroupCommitter((group) => this.commit(group), {
      sizeOf: (s) => s.events.length,
    });
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
    await this.db.transaction().execute(async (trx) => {
      for (const submission of group) await this.insert(trx, submission);
    });
  }

  private async insert(trx: Kysely<Schema>, { workspaceId, events }: EventSubmission) {
    // A messageId seen twice in one submission is stored once, like a repeat across requests.
    const unique = new Map<string, NewEvent>();
    for (const event of events) {
      if (!unique.has(event.message_id)) {
        unique.set(event.message_id, { ...event, workspace_id: workspaceId });
      }
    }
    const rows = [...unique.values()];
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const result = await trx
        .insertInto('events')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
        .returning('message_id')
        .execute();
      for (const row of result) inserted.add(row.message_id);
    }

    const identities = new IdentityWriter(trx, workspaceId);
    for (const row of rows) {
      if (row.user_id && inserted.has(row.message_id)) await identities.apply(row);
    }
    await identities.finish();
  }
}
