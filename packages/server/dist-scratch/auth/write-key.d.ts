import type { FastifyRequest } from 'fastify';
import type { WorkspaceRepository } from '../store/workspaces.js';
/**
 * The write key of a tracking or delivery request: the Basic-auth user (Segment's convention,
 * empty password) or a `writeKey` field in the body. Write keys are public: they identify a
 * workspace for ingestion and delivery and grant nothing else.
 */
export declare function writeKeyOf(request: FastifyRequest, body: unknown): string | undefined;
/**
 * Resolves write keys to workspace ids, remembering answers for a few seconds so that the ingest
 * path does not query the database for every request. A revoked key stops working at once on
 * every node that hears the workspace's change ({@link forget}, wired to the change bus), and
 * within `ttlMs` in any case (a change lost while Redis was unreachable).
 */
export declare class WriteKeyResolver {
    private readonly workspaces;
    private readonly ttlMs;
    private readonly maxEntries;
    private readonly cache;
    constructor(workspaces: WorkspaceRepository, ttlMs?: number, maxEntries?: number);
    /** The workspace of the request's write key; throws 401 when missing or unknown. */
    authenticate(request: FastifyRequest, body: unknown): Promise<string>;
    /** Drops every cached key of the workspace: its keys changed (rotated, revoked). */
    forget(workspaceId: string): void;
    resolve(key: string): Promise<string | undefined>;
}
//# sourceMappingURL=write-key.d.ts.map