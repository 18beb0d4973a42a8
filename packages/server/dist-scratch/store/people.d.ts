import type { Kysely } from 'kysely';
import type { EventRow, IdentityKind, Schema } from './schema.js';
export interface Person {
    userId: string;
    /** Other userIds merged into this person by `alias`. */
    aliases: string[];
    email: string | null;
    traits: Record<string, unknown>;
    anonymousIds: string[];
    createdAt: number;
    updatedAt: number;
    lastSeenAt: number;
}
/** One entry of the activity log, shaped like the tracking call it came from. */
export interface ActivityEvent {
    id: number;
    messageId: string;
    type: EventRow['type'];
    event?: string;
    name?: string;
    userId: string | null;
    anonymousId: string | null;
    groupId?: string;
    previousId?: string;
    properties?: Record<string, unknown>;
    traits?: Record<string, unknown>;
    context?: Record<string, unknown>;
    timestamp: string;
    receivedAt: string;
}
export interface ActivityPage {
    data: ActivityEvent[];
    /** Pass as `before` to get the next (older) page; null on the last page. */
    next: string | null;
}
/** Whose activity: a person by any of their userIds, or one anonymous ID on its own. */
export type Subject = {
    profileId: string;
} | {
    anonymousId: string;
};
/** People: profiles, the identifiers merged into them, and their activity log. */
export declare class PeopleRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    /** The profile a userId (canonical or merged by alias) or an anonymous ID belongs to. */
    profileIdOf(workspaceId: string, kind: IdentityKind, value: string): Promise<string | undefined>;
    /** The traits Liquid personalises with, for a userId (canonical or alias), in one query. */
    traitsOf(workspaceId: string, userId: string): Promise<{
        userId: string;
        email: string | null;
        traits: Record<string, unknown>;
    } | undefined>;
    /** The userId of the person with this email (emails are kept lower-case). */
    userIdByEmail(workspaceId: string, email: string): Promise<string | undefined>;
    get(workspaceId: string, profileId: string): Promise<Person | undefined>;
    /** The subject's events, newest first, `limit` at a time. */
    activity(workspaceId: string, subject: Subject, options: {
        limit: number;
        before?: string | undefined;
    }): Promise<ActivityPage>;
    /** Erases a person: their events (under every identifier), identities and profile. */
    erase(workspaceId: string, profileId: string): Promise<{
        events: number;
    }>;
}
export declare function decodeCursor(cursor: string | undefined): {
    timestamp: number;
    id: number;
} | undefined;
//# sourceMappingURL=people.d.ts.map