import type { Kysely } from 'kysely';
import type { ChangeBus } from '../inapp/bus.js';
import type { Schema } from '../store/schema.js';
import { type PropertyFilter, type SegmentDefinition } from './conditions.js';
import type { CampaignDefinition } from './definitions.js';
export interface SegmentRule {
    id: string;
    name: string;
    definition: SegmentDefinition;
    /** Event names its conditions mention. */
    events: Set<string>;
    counters: string[];
    usesTraits: boolean;
    timeDependent: boolean;
}
export interface CampaignRule {
    id: string;
    messageId: string;
    definition: CampaignDefinition;
}
export interface Counter {
    key: string;
    where: PropertyFilter[] | undefined;
}
/** A workspace's segments and active campaigns, shaped for the ingest path. */
export interface WorkspaceRules {
    segments: SegmentRule[];
    /** Event name → the counters that event may bump (one per distinct set of filters). */
    counters: Map<string, Counter[]>;
    eventTriggers: Map<string, CampaignRule[]>;
    segmentTriggers: Map<string, CampaignRule[]>;
}
/**
 * Segments and campaigns per workspace, cached so that a track call costs nothing unless its
 * event is one some segment or campaign mentions. Changes are announced on the bus (kind
 * `messages`); the cache also expires after 10 s, for nodes that share no bus. Read inside the
 * ingest transaction: on SQLite that transaction holds the only connection.
 */
export declare class RulesCache {
    private readonly cache;
    private readonly unsubscribe;
    constructor(bus: ChangeBus);
    of(db: Kysely<Schema>, workspaceId: string): Promise<WorkspaceRules>;
    close(): void;
}
export declare function loadRules(db: Kysely<Schema>, workspaceId: string): Promise<WorkspaceRules>;
//# sourceMappingURL=rules.d.ts.map