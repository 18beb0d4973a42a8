import { NEVER_SEEN, type VisitorMessageState } from '@herald/protocol';
import { type Expression, type Kysely, sql } from 'kysely';
import { prefixedId } from './ids.js';
import { type InteractionFacts, interactionsOfVisitor } from './interactions.js';
import { readJson } from './json.js';
import type { QueueKind, Schema } from './schema.js';

export interface QueuedMessage {
  id: string;
  messageId: string;
  kind: QueueKind;
  /** When it was queued: when it arrived in the person's inbox, for an inbox message. */
  createdAt: number;
  expiresAt: number;
  /** Test sends: when the tester first opened it (a test in the inbox stays until archived). */
  openedAt?: number | null;
  /** Broadcasts and campaigns: what the person did with this entry, for its frequency. */
  state: VisitorMessageState;
  /** The triggering event's properties (campaigns), for Liquid's `event`. */
  event?: Record<string, unknown>;
}

/** A visitor's state of a message, with their inbox item's (absent: unread, in the inbox). */
export interface StoredMessageState extends VisitorMessageState {
  readAt?: number;
  archivedAt?: number;
}

/**
 * The key a visitor's message states and queued entries are stored under: an anonymous
 * visitor's own (`a:<anonymousId>`); for a person, `u:<their canonical userId>` (the
 * `profiles.user_id` of the profile the presented userId belongs to). After alias merged profile
 * A into B, a browser still presenting A's userId (the SDK's alias does not change it) reads and
 * writes the merged person's state, which the merge folded into B's key (person-merge.ts). A
 * userId nobody has yet (its identify not applied) is its own key. Read in the caller's
 * transaction: the ingest path resolves it after identity resolution.
 */
export async function stateKeyOf(
  db: Kysely<Schema>,
  workspaceId: string,
  visitor: string,
): Promise<string> {
  if (!visitor.startsWith('u:')) return visitor;
  const row = await db
    .selectFrom('identities')
    .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
    .select('profiles.user_id')
    .where('identities.workspace_id', '=', workspaceId)
    .where('identities.kind', '=', 'user')
    .where('identities.value', '=', visitor.slice(2))
    .executeTakeFirst();
  return row ? `u:${row.user_id}` : visitor;
}

/** {@link stateKeyOf} as an expression, for a query to resolve it without a round trip. */
function stateKey(db: Kysely<Schema>, workspaceId: string, visitor: string): Expression<string> {
  if (!visitor.startsWith('u:')) return sql<string>`${visitor}`;
  const person = db
    .selectFrom('identities')
    .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
    .select(sql<string>`${sql.lit('u:')} || ${sql.ref('profiles.user_id')}`.as('key'))
    .where('identities.workspace_id', '=', workspaceId)
    .where('identities.kind', '=', 'user')
    .where('identities.value', '=', visitor.slice(2));
  return sql<string>`coalesce((${person}), ${visitor})`;
}

/**
 * What each visitor did with each message (views, dismissal, first click) and the messages queued
 * for one visitor regardless of targeting (test sends, broadcasts, campaigns). Visitors are
 * `a:<anonymousId>` or `u:<userId>`; a person's rows are under their canonical userId
 * ({@link stateKeyOf}), whichever userId they present.
 */
export class MessageStateRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Every message state of one visitor, by message id. */
  async statesOf(workspaceId: string, visitor: string): Promise<Map<string, StoredMessageState>> {
    const rows = await this.db
      .selectFrom('message_states')
      .select([
        'message_id',
        'views',
        'last_viewed_at',
        'dismissed_at',
        'variant',
        'read_at',
        'archived_at',
      ])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', stateKey(this.db, workspaceId, visitor))
      .execute();
    const states = new Map<string, StoredMessageState>();
    for (const row of rows) {
      const state: StoredMessageState = {
        views: row.views,
        lastViewedAt: row.last_viewed_at,
        dismissed: row.dismissed_at !== null,
        dismissedAt: row.dismissed_at,
      };
      if (row.variant !== null) state.variant = row.variant;
      if (row.read_at !== null) state.readAt = row.read_at;
      if (row.archived_at !== null) state.archivedAt = row.archived_at;
      states.set(row.message_id, state);
    }
    return states;
  }

  /**
   * Queued messages still deliverable, oldest first: not expired, not withdrawn, and for test
   * sends not yet consumed (broadcasts and campaigns follow their message's frequency instead;
   * a dismissed one stays for the inbox, when its message is kept there).
   */
  async queueOf(workspaceId: string, visitor: string, now: number): Promise<QueuedMessage[]> {
    const rows = await this.db
      .selectFrom('message_queue')
      .select([
        'id',
        'message_id',
        'kind',
        'created_at',
        'expires_at',
        'payload',
        'views',
        'opened_at',
        'last_viewed_at',
        'dismissed_at',
      ])
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', stateKey(this.db, workspaceId, visitor))
      .where('consumed_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => {
      const entry: QueuedMessage = {
        id: r.id,
        messageId: r.message_id,
        kind: r.kind,
        createdAt: Number(r.created_at),
        expiresAt: Number(r.expires_at),
        state: {
          views: r.views ?? 0,
          lastViewedAt: r.last_viewed_at === null ? null : Number(r.last_viewed_at),
          dismissed: r.dismissed_at !== null,
        },
      };
      if (r.kind === 'test') entry.openedAt = r.opened_at === null ? null : Number(r.opened_at);
      if (r.payload !== null) entry.event = readJson(r.payload, {});
      return entry;
    });
  }

  /** What the visitor did with `messageIds`, for audiences that target on it (interactions.ts). */
  interactionsOf(
    workspaceId: string,
    visitor: string,
    messageIds: string[],
  ): Promise<InteractionFacts> {
    return interactionsOfVisitor(this.db, workspaceId, visitor, messageIds);
  }

  /** The segments the person with this userId (canonical or alias) is a member of. */
  async segmentsOf(workspaceId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('identities')
      .innerJoin('segment_members', 'segment_members.profile_id', 'identities.profile_id')
      .select('segment_members.segment_id')
      .where('identities.workspace_id', '=', workspaceId)
      .where('identities.kind', '=', 'user')
      .where('identities.value', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.segment_id));
  }

  /** Queues a test send for one visitor, replacing an earlier unshown test of the same message. */
  async enqueue(
    workspaceId: string,
    messageId: string,
    visitor: string,
    kind: 'test',
    ttlMs: number,
  ): Promise<QueuedMessage> {
    const now = Date.now();
    const entry: QueuedMessage = {
      id: prefixedId('q', 12),
      messageId,
      kind,
      createdAt: now,
      expiresAt: now + ttlMs,
      state: NEVER_SEEN,
    };
    await this.db.transaction().execute(async (trx) => {
      const key = await stateKeyOf(trx, workspaceId, visitor);
      await trx
        .deleteFrom('message_queue')
        .where('workspace_id', '=', workspaceId)
        .where('visitor', '=', key)
        .where('message_id', '=', messageId)
        // Only tests: a broadcast or campaign entry of the message stays, with its figures.
        .where('kind', '=', 'test')
        .where('consumed_at', 'is', null)
        .execute();
      await trx
        .insertInto('message_queue')
        .values({
          id: entry.id,
          workspace_id: workspaceId,
          message_id: messageId,
          visitor: key,
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
