import { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Schema } from './schema.js';
/** An open connection to Herald's database, migrated to the latest schema. */
export interface Database {
    readonly db: Kysely<Schema>;
    /**
     * Where reads that may lag the primary go: a PostgreSQL replica when DATABASE_REPLICA_URL is
     * set, else `db` itself. Only for reads that tolerate replication lag (figures): a read that
     * must see a write just made (read-your-writes) stays on `db`.
     */
    readonly replica: Kysely<Schema>;
    readonly dialect: DialectName;
    /** Migrations this open applied (empty when the schema was already current). */
    readonly migrated: string[];
    close(): Promise<void>;
}
export interface DatabaseOptions {
    /** `postgres://…` for PostgreSQL; otherwise SQLite in `dataDir`. */
    databaseUrl?: string | undefined;
    dataDir: string;
    /** A read replica of `databaseUrl` (PostgreSQL only). */
    replicaUrl?: string | undefined;
    /** Connections in the PostgreSQL pool (each of primary and replica). Default 10. */
    poolSize?: number | undefined;
}
/** Opens the database the options name and runs pending migrations. */
export declare function openDatabase(options: DatabaseOptions): Promise<Database>;
//# sourceMappingURL=database.d.ts.map