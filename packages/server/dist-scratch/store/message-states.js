import { NEVER_SEEN } from '@herald/protocol';
import { prefixedId } from './ids.js';
import { readJson } from './json.js';
/**
 * What each visitor did with each message (views, dismissal, first click) and the messages queued
 * for one visitor regardless of targeting (test sends). Visitors are `a:<anonymousId>` or
 * `u:<userId>`.
 */
export class MessageStateRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    /** Every message state of one visitor, by message id. */
    async statesOf(workspaceId, visitor) {
        const rows = await this.db
            .selectFrom('message_states')
            .select(['message_id', 'views', 'last_viewed_at', 'dismissed_at'])
            .where('workspace_id', '=', workspaceId)
            .where('visitor', '=', visitor)
            .execute();
        const states = new Map();
        for (const row of rows) {
            states.set(row.message_id, {
                views: row.views,
                lastViewedAt: row.last_viewed_at,
                dismissed: row.dismissed_at !== null,
                dismissedAt: row.dismissed_at,
            });
        }
        return states;
    }
    stateOf(states, messageId) {
        return states.get(messageId) ?? NEVER_SEEN;
    }
    /**
     * Queued messages still deliverable, oldest first: not expired, not withdrawn, and for test
     * sends not yet shown (broadcasts and campaigns follow their message's frequency instead).
     */
    async queueOf(workspaceId, visitor, now) {
        const rows = await this.db
            .selectFrom('message_queue')
            .select([
            'id',
            'message_id',
            'kind',
            'expires_at',
            'payload',
            'views',
            'last_viewed_at',
            'dismissed_at',
        ])
            .where('workspace_id', '=', workspaceId)
            .where('visitor', '=', visitor)
            .where('consumed_at', 'is', null)
            .where('withdrawn_at', 'is', null)
            .where('dismissed_at', 'is', null)
            .where('expires_at', '>', now)
            .orderBy('created_at')
            .execute();
        return rows.map((r) => {
            const entry = {
                id: r.id,
                messageId: r.message_id,
                kind: r.kind,
                expiresAt: Number(r.expires_at),
                state: {
                    views: r.views ?? 0,
                    lastViewedAt: r.last_viewed_at === null ? null : Number(r.last_viewed_at),
                    dismissed: false,
                },
            };
            if (r.payload !== null)
                entry.event = readJson(r.payload, {});
            return entry;
        });
    }
    /** The segments the person with this userId (canonical or alias) is a member of. */
    async segmentsOf(workspaceId, userId) {
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
    /** Queues a message for one visitor, replacing an earlier unshown one of the same message. */
    async enqueue(workspaceId, messageId, visitor, kind, ttlMs) {
        const now = Date.now();
        const entry = {
            id: prefixedId('q', 12),
            messageId,
            kind,
            expiresAt: now + ttlMs,
            state: NEVER_SEEN,
        };
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
//# sourceMappingURL=message-states.js.map