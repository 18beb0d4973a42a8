import type { Kysely } from 'kysely';
import type { KeyKind, Schema } from './schema.js';
/**
 * At most this many in-app messages per visitor per session / per day (rolling 24 hours);
 * null = no cap. Test sends are exempt. Enforced by delivery and again by the SDK.
 */
export interface InAppCaps {
    perSession: number | null;
    perDay: number | null;
}
export interface WorkspaceSettings {
    /** `caps` is absent until set, so that answers stay as they were for workspaces without. */
    inApp: {
        enabled: boolean;
        anonymous: boolean;
        caps?: InAppCaps;
    };
    /** When on, a visitor's userId counts only with a valid HMAC or JWT from the site's backend. */
    identityVerification: boolean;
}
export interface Workspace extends WorkspaceSettings {
    id: string;
    name: string;
    writeKey: string;
    secretKey: string;
    createdAt: number;
    updatedAt: number;
}
export interface WorkspacePatch {
    name?: string;
    inApp?: Partial<Omit<WorkspaceSettings['inApp'], 'caps'>> & {
        caps?: Partial<InAppCaps>;
    };
    identityVerification?: boolean;
}
export declare const DEFAULT_SETTINGS: WorkspaceSettings;
/** Workspaces and their keys: a write key (public) and a secret key (server side) each. */
export declare class WorkspaceRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    create(name: string, patch?: WorkspacePatch): Promise<Workspace>;
    get(id: string): Promise<Workspace | undefined>;
    list(): Promise<Workspace[]>;
    update(id: string, patch: WorkspacePatch): Promise<Workspace | undefined>;
    /** The workspace a live (not revoked) key of the given kind belongs to. */
    findIdByKey(token: string, kind: KeyKind): Promise<string | undefined>;
    private activeKeys;
    /**
     * Replaces the workspace's live key of this kind: the old one is revoked (`revoked_at` set) and
     * a new one issued, in one transaction. Answers the new key, or undefined for an unknown
     * workspace. Write keys are cached by the ingest path for a few seconds (auth/write-key.ts),
     * so a revoked write key stops working within that time on every node.
     */
    rotateKey(workspaceId: string, kind: KeyKind): Promise<string | undefined>;
}
//# sourceMappingURL=workspaces.d.ts.map