import { NEVER_SEEN, type VisitorMessageState } from '@herald/protocol';
import type { Kysely } from 'kysely';
import { prefixedId } from './ids.js';
import type { Schema } from './schema.js';

export interface QueuedMessage {
  id: string;
  messageId: string;
  kind: 'test';
  expiresAt: number;
}

/**
 * What each visitor did with each message (views, dismissal, first click) and the messages queued
 * for one visitor regardless of targeting (test sends). Visitors are `a:<anonymousId>` or
 * `u:<userId>`.
 */
export class MessageStateRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Every message state of one visitor, by message id. */
  async statesOf(workspaceId: string, visitor: string): Promise<Map<string, VisitorMessageState>> {
    const rows = await this.db
      .selectFrom('message_states')
      .select(['message_id', 'views', 'last_viewed_at', 'dismissed_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', visitor)
      .execute();
    const states = new Map<string, VisitorMessageState>();
    for (const row of rows) {
      states.set(row.message_id, {
        views: row.views,
        lastViewedAt: row.last_viewed_at,
        dismissed: row.dismissed_at !== null,
      });
    }
    return states;
  }

  stateOf(states: Map<string, VisitorMessageState>, messageId: string): VisitorMessageState {
    return states.get(messageId) ?? NEVER_SEEN;
  }

  /** Queued messages not yet shown and not expired, oldest first. */
  async queueOf(workspaceId: string, visitor: string, now: number): Promise<QueuedMessage[]> {
    const rows = await this.db
      .selectFrom('message_queue')
      .select(['id', 'message_id', 'kind', 'expires_at'])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', visitor)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      kind: r.kind,
      expiresAt: r.expires_at,
    }));
  }

  /** Queues a message for one visitor, replacing an earlier unshown one of the same message. */
  async enqueue(
    workspaceId: string,
    messageId: string,
    visitor: string,
    kind: 'test',
    ttlMs: number,
  ): Promise<QueuedMessage> {
    const now = Date.now();
    const entry = { id: prefixedId('q', 12), messageId, kind, expiresAt: now + ttlMs };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('message_queue')
        .where('workspace_id', '=', workspaceId)
        .where('visitor', '=', visitor)
        .where('message_id', '=', messageId)
        .where('consumed_at', 'is', null)
        .execute();
      await trx
        .insertInto('message_queue')
        .values({
          id: entry.id,
          workspace_id: workspaceId,
          message_id: messageId,
          visitor,
          kind,
          created_at: now,
          expires_at: entry.expiresAt,
          consumed_at: null,
        })
        .execute();
    });
    return entry;
  }
}
