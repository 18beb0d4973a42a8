import { type InAppEventType } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { IngestEffect } from '../store/ingest-effect.js';
import type { Schema, StatMetric } from '../store/schema.js';
import type { ChangeBus } from './bus.js';
/** What the in-app event intake stores in an `inapp` event's properties. */
export interface InAppEventProperties {
    kind: InAppEventType;
    messageId: string;
    version: number;
    deliveryId: string;
    /** The verified visitor the message was delivered to. */
    visitor: string;
    queueId?: string;
    actionName?: string;
    actionValue?: string;
    step?: string;
    error?: string;
}
/**
 * Applies the SDK's reports about messages it showed, in the ingest transaction: a view counts
 * toward frequency and figures, a dismissal is final, a click is a tracked response. Test sends
 * are consumed when opened and count nowhere. Afterwards every node learns that the visitor
 * changed, so other tabs drop a dismissed message and cached answers are recomputed.
 */
export declare function inAppEffect(bus: ChangeBus): IngestEffect;
/** Adds one to a message's hourly counter. */
export declare function bump(trx: Kysely<Schema>, messageId: string, at: number, metric: StatMetric, action: string): Promise<void>;
//# sourceMappingURL=effects.d.ts.map