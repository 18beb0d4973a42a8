import type { Kysely } from 'kysely';
import type { IngestEffect } from '../store/ingest-effect.js';
import type { Schema } from '../store/schema.js';
import type { ChangeBus } from './bus.js';
/**
 * Conversions, decided as events arrive:
 *
 * - an anonymous visitor who clicked an anonymous message (or viewed it, per the goal's criteria)
 *   converts when they become identified within the goal's window;
 * - with a goal event, they must also perform that event within the window; for messages to
 *   identified people the event is the whole goal;
 * - a person converts once per message, however many anonymous IDs merged into them, and only
 *   for messages they (under one of their identities) clicked or viewed.
 */
export declare function goalsEffect(bus: ChangeBus): IngestEffect;
/**
 * Goals met by entering or leaving a segment (`goal.segment`), within the window after the view
 * or click: called by segment membership (campaigns/membership.ts) in the same transaction.
 */
export declare function convertOnSegmentChange(trx: Kysely<Schema>, workspaceId: string, profileId: string, segmentId: string, change: 'enter' | 'leave', at: number): Promise<void>;
//# sourceMappingURL=goals.d.ts.map