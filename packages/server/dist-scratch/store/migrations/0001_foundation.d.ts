import { type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
/** Workspaces and their keys, profiles, identities and the activity log. */
export declare function foundation(dialect: DialectName): {
    up(db: Kysely<unknown>): Promise<void>;
};
//# sourceMappingURL=0001_foundation.d.ts.map