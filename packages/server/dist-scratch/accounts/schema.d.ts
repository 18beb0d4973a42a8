import type { Selectable } from 'kysely';
/** The accounts tables (migration 0003_accounts), as Kysely sees them. */
export interface AccountTables {
    admin_users: AdminUserTable;
    admin_sessions: AdminSessionTable;
}
export interface AdminUserTable {
    id: string;
    email: string;
    password_hash: string;
    setup_slot: number | null;
    created_at: number;
    updated_at: number;
    last_login_at: number | null;
}
export interface AdminSessionTable {
    /** SHA-256 (hex) of the session token; the token itself lives only in the browser's cookie. */
    token_hash: string;
    user_id: string;
    created_at: number;
    expires_at: number;
}
export type AdminUserRow = Selectable<AdminUserTable>;
//# sourceMappingURL=schema.d.ts.map