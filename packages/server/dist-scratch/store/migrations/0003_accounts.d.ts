import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
/**
 * Dashboard accounts: admin users (email + scrypt password hash) and their sessions. A session
 * row stores only the SHA-256 of the cookie's token, so a leaked database grants no session.
 */
export declare function accounts(_dialect: DialectName): {
    up(db: Kysely<unknown>): Promise<void>;
};
//# sourceMappingURL=0003_accounts.d.ts.map