import { type VisitorMessageState } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { QueueKind, Schema } from './schema.js';
export interface QueuedMessage {
    id: string;
    messageId: string;
    kind: QueueKind;
    expiresAt: number;
    /** Broadcasts and campaigns: what the person did with this entry, for its frequency. */
    state: VisitorMessageState;
    /** The triggering event's properties (campaigns), for Liquid's `event`. */
    event?: Record<string, unknown>;
}
/**
 * What each visitor did with each message (views, dismissal, first click) and the messages queued
 * for one visitor regardless of targeting (test sends). Visitors are `a:<anonymousId>` or
 * `u:<userId>`.
 */
export declare class MessageStateRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    /** Every message state of one visitor, by message id. */
    statesOf(workspaceId: string, visitor: string): Promise<Map<string, VisitorMessageState>>;
    stateOf(states: Map<string, VisitorMessageState>, messageId: string): VisitorMessageState;
    /**
     * Queued messages still deliverable, oldest first: not expired, not withdrawn, and for test
     * sends not yet shown (broadcasts and campaigns follow their message's frequency instead).
     */
    queueOf(workspaceId: string, visitor: string, now: number): Promise<QueuedMessage[]>;
    /** The segments the person with this userId (canonical or alias) is a member of. */
    segmentsOf(workspaceId: string, userId: string): Promise<Set<string>>;
    /** Queues a message for one visitor, replacing an earlier unshown one of the same message. */
    enqueue(workspaceId: string, messageId: string, visitor: string, kind: 'test', ttlMs: number): Promise<QueuedMessage>;
}
//# sourceMappingURL=message-states.d.ts.map