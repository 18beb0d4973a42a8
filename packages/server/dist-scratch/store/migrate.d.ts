import { type Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
/** Brings the schema up to date. Safe to call from several nodes at once: Kysely takes a lock. */
export declare function migrateToLatest<DB>(db: Kysely<DB>, dialect: DialectName): Promise<string[]>;
//# sourceMappingURL=migrate.d.ts.map