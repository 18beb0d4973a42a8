import { type Fields } from '../http/fields.js';
import type { PropertyFilter, SegmentDefinition } from './conditions.js';
export declare const MAX_WINDOW_DAYS = 365;
export declare function parseSegmentDefinition(input: unknown, field?: string): SegmentDefinition;
export declare function parseFilters(value: unknown, path: string): PropertyFilter[];
export type CampaignTrigger = {
    type: 'event';
    event: string;
    where?: PropertyFilter[];
} | {
    type: 'segment_entered';
    segmentId: string;
};
export interface CampaignDefinition {
    trigger: CampaignTrigger;
    /** Seconds between the trigger and the message being queued. */
    delaySeconds: number;
    /** Days a queued message waits for the person before it expires. */
    expiresDays: number;
}
export declare function parseCampaignDefinition(body: Fields, base?: CampaignDefinition): CampaignDefinition;
//# sourceMappingURL=definitions.d.ts.map