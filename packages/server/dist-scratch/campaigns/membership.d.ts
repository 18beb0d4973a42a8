import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { SegmentRule, WorkspaceRules } from './rules.js';
export interface MembershipChange {
    segmentId: string;
    segmentName: string;
    profileId: string;
    userId: string;
    change: 'enter' | 'leave';
}
/**
 * Re-evaluates `segments` for `profileIds` from their traits and event counters (never the
 * events table) and writes who entered and who left, with a row in each person's activity.
 * Answers the changes, for {@link applyChanges}.
 */
export declare function reevaluate(trx: Kysely<Schema>, workspaceId: string, profileIds: string[], segments: SegmentRule[], now: number): Promise<MembershipChange[]>;
/**
 * What follows from entering and leaving segments, in the same transaction: campaigns triggered
 * by entering, and goals met by entering or leaving. Answers the visitors whose deliveries
 * changed (membership decides `audience.segment`), to announce after commit.
 */
export declare function applyChanges(trx: Kysely<Schema>, workspaceId: string, rules: WorkspaceRules, changes: MembershipChange[], now: number): Promise<Set<string>>;
//# sourceMappingURL=membership.d.ts.map