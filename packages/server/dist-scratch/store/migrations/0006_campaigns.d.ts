import type { Kysely } from 'kysely';
/**
 * Campaigns and broadcasts for identified people: segments and their members, per-person daily
 * event counters (so that "performed X at least N times in the last D days" never scans
 * `events`), broadcasts, event- and segment-triggered campaigns, and the durable job runner.
 * `message_queue` learns where an entry came from and what the person did with it.
 */
export declare function campaigns(): {
    up(db: Kysely<unknown>): Promise<void>;
};
//# sourceMappingURL=0006_campaigns.d.ts.map