import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';
export type Interval = 'hour' | 'day';
export interface SeriesPoint {
    t: string;
    views: number;
    dismissals: number;
    clicks: number;
    conversions: number;
}
export interface MessageMetrics {
    views: number;
    uniqueViewers: number;
    dismissals: number;
    clicks: Record<string, number>;
    conversions: number;
    /** Conversions per unique viewer. */
    conversionRate: number;
    errors: number;
    series: SeriesPoint[];
}
export interface MessageTotals {
    views: number;
    clicks: number;
    conversions: number;
}
/** A message's figures, from its hourly counters, its visitors' states and its conversions. */
export declare class MetricsRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    forMessage(messageId: string, range: {
        from: number;
        to: number;
        interval: Interval;
    }): Promise<MessageMetrics>;
    /** Views, clicks and conversions of every message of a workspace, for the message list. */
    totals(workspaceId: string): Promise<Map<string, MessageTotals>>;
}
//# sourceMappingURL=metrics.d.ts.map