import { PostgresDialect } from 'kysely';
/**
 * PostgreSQL through a `pg` pool. BIGINT columns hold epoch milliseconds and row ids, which fit
 * a JavaScript number exactly, so they are read as numbers instead of pg's default strings.
 */
export declare function postgresDialect(connectionString: string, poolSize?: number): PostgresDialect;
//# sourceMappingURL=postgres.d.ts.map