import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { AdminUserRow } from './schema.js';
export interface AdminUser {
    id: string;
    email: string;
}
export interface Session {
    user: AdminUser;
    expiresAt: number;
}
/** How long a session lasts after its last renewal. */
export declare const SESSION_TTL_MS: number;
export declare const normaliseEmail: (email: string) => string;
/** Admin users and their sessions. */
export declare class AccountRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    hasAdmin(): Promise<boolean>;
    /**
     * Creates the first admin; answers undefined when an admin exists already, including when a
     * concurrent setup won the race (the unique `setup_slot` lets only one insert through).
     */
    createFirstAdmin(email: string, password: string): Promise<AdminUser | undefined>;
    findByEmail(email: string): Promise<AdminUserRow | undefined>;
    /** Opens a session; answers the token for the cookie (only its hash is stored). */
    createSession(userId: string): Promise<{
        token: string;
        expiresAt: number;
    }>;
    /**
     * The live session a cookie's token opens, renewed when it is past half its life (`renewed`
     * tells the caller to send the cookie again with the new expiry); undefined when unknown or
     * expired. Expired sessions of the same user are cleared on the way.
     */
    findSession(token: string): Promise<(Session & {
        renewed: boolean;
    }) | undefined>;
    deleteSession(token: string): Promise<void>;
}
//# sourceMappingURL=repository.d.ts.map