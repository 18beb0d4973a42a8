import type { Kysely } from 'kysely';
import type { QueueKind, Schema } from '../store/schema.js';
import type { CampaignRule } from './rules.js';
export declare const DAY_MS = 86400000;
export interface QueueRequest {
    workspaceId: string;
    messageId: string;
    kind: Exclude<QueueKind, 'test'>;
    sourceId: string;
    profileId: string;
    userId: string;
    /** The triggering event's properties (Liquid's `event`). */
    event?: Record<string, unknown> | undefined;
    expiresAt: number;
    /** Unique per workspace: the same send is never written twice, whoever tries. */
    dedupeKey: string;
    now: number;
}
/**
 * Queues a message for one person (visitor `u:<userId>`), in the caller's transaction. Answers
 * false when the dedupe key was queued already. An earlier entry of the same message that the
 * person never opened is withdrawn: the newest send (and its event) wins.
 */
export declare function queueMessage(trx: Kysely<Schema>, request: QueueRequest): Promise<boolean>;
export interface Trigger {
    profileId: string;
    userId: string;
    /** Unique per trigger occurrence within the campaign (the event's messageId…). */
    key: string;
    event?: Record<string, unknown>;
}
/**
 * A campaign fired for one person: queued now, or after its delay by a durable job. Both are
 * keyed by the trigger, so the same event applied twice (it cannot be, but) sends once.
 */
export declare function fireCampaign(trx: Kysely<Schema>, workspaceId: string, campaign: CampaignRule, trigger: Trigger, now: number): Promise<'queued' | 'scheduled' | 'repeat'>;
//# sourceMappingURL=sends.d.ts.map