import type { Kysely } from 'kysely';
import type { BroadcastStatus, CampaignStatus, Schema } from '../store/schema.js';
import type { SegmentDefinition } from './conditions.js';
import type { CampaignDefinition } from './definitions.js';
export interface Segment {
    id: string;
    name: string;
    conditions: SegmentDefinition;
    members: number;
    createdAt: string;
    updatedAt: string;
}
/** What a broadcast or campaign achieved: entries queued, and what people did with them. */
export interface SendFigures {
    sent: number;
    opened: number;
    clicked: number;
    dismissed: number;
    converted: number;
    withdrawn: number;
}
/** Segments, broadcasts and campaigns, and their figures. */
export declare class CampaignRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    createSegment(workspaceId: string, name: string, conditions: SegmentDefinition): Promise<Segment>;
    updateSegment(workspaceId: string, id: string, patch: {
        name?: string;
        conditions?: SegmentDefinition;
    }): Promise<Segment>;
    deleteSegment(workspaceId: string, id: string): Promise<void>;
    segment(workspaceId: string, id: string): Promise<Segment | undefined>;
    requireSegment(workspaceId: string, id: string): Promise<Segment>;
    /** Segments with their live member count (kept up to date as calls arrive, so cheap to read). */
    segments(workspaceId: string, id?: string): Promise<Segment[]>;
    /** Members of a segment, newest first, by userId. */
    members(workspaceId: string, segmentId: string, limit: number): Promise<{
        userId: string;
        email: string | null;
        enteredAt: string | null;
    }[]>;
    createBroadcast(workspaceId: string, input: {
        name: string;
        messageId: string;
        segmentId: string;
        sendAt: number;
        expiresDays: number;
    }): Promise<{
        id: string;
        name: string;
        messageId: string;
        segmentId: string;
        status: BroadcastStatus;
        sendAt: string | null;
        expiresDays: number;
        sentAt: string | null;
        stoppedAt: string | null;
        createdAt: string | null;
        figures: SendFigures;
    }>;
    /** Stops a broadcast or campaign: it sends nothing more, and what nobody opened is withdrawn. */
    stop(table: 'broadcasts' | 'campaigns', workspaceId: string, id: string): Promise<void>;
    broadcasts(workspaceId: string, id?: string): Promise<{
        id: string;
        name: string;
        messageId: string;
        segmentId: string;
        status: BroadcastStatus;
        sendAt: string | null;
        expiresDays: number;
        sentAt: string | null;
        stoppedAt: string | null;
        createdAt: string | null;
        figures: SendFigures;
    }[]>;
    broadcast(workspaceId: string, id: string): Promise<{
        id: string;
        name: string;
        messageId: string;
        segmentId: string;
        status: BroadcastStatus;
        sendAt: string | null;
        expiresDays: number;
        sentAt: string | null;
        stoppedAt: string | null;
        createdAt: string | null;
        figures: SendFigures;
    } | undefined>;
    createCampaign(workspaceId: string, input: {
        name: string;
        messageId: string;
        definition: CampaignDefinition;
    }): Promise<{
        createdAt: string | null;
        updatedAt: string | null;
        figures: SendFigures;
        trigger: import("./definitions.js").CampaignTrigger;
        delaySeconds: number;
        expiresDays: number;
        id: string;
        name: string;
        messageId: string;
        status: CampaignStatus;
    }>;
    updateCampaign(workspaceId: string, id: string, patch: {
        name?: string;
        status?: CampaignStatus;
        definition?: CampaignDefinition;
    }): Promise<{
        createdAt: string | null;
        updatedAt: string | null;
        figures: SendFigures;
        trigger: import("./definitions.js").CampaignTrigger;
        delaySeconds: number;
        expiresDays: number;
        id: string;
        name: string;
        messageId: string;
        status: CampaignStatus;
    } | undefined>;
    campaigns(workspaceId: string, id?: string): Promise<{
        createdAt: string | null;
        updatedAt: string | null;
        figures: SendFigures;
        trigger: import("./definitions.js").CampaignTrigger;
        delaySeconds: number;
        expiresDays: number;
        id: string;
        name: string;
        messageId: string;
        status: CampaignStatus;
    }[]>;
    campaign(workspaceId: string, id: string): Promise<{
        createdAt: string | null;
        updatedAt: string | null;
        figures: SendFigures;
        trigger: import("./definitions.js").CampaignTrigger;
        delaySeconds: number;
        expiresDays: number;
        id: string;
        name: string;
        messageId: string;
        status: CampaignStatus;
    } | undefined>;
    /** Sent, opened, clicked, dismissed, withdrawn entries; converted: people who converted after opening. */
    figures(sourceId: string): Promise<SendFigures>;
}
//# sourceMappingURL=repository.d.ts.map