import { PostgresDialect } from 'kysely';
import pg from 'pg';
const INT8_OID = 20;
/**
 * PostgreSQL through a `pg` pool. BIGINT columns hold epoch milliseconds and row ids, which fit
 * a JavaScript number exactly, so they are read as numbers instead of pg's default strings.
 */
export function postgresDialect(connectionString, poolSize = 10) {
    const pool = new pg.Pool({
        connectionString,
        max: poolSize,
        types: {
            getTypeParser: ((oid, format) => oid === INT8_OID
                ? (value) => Number(value)
                : pg.types.getTypeParser(oid, format)),
        },
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => { });
    return new PostgresDialect({ pool });
}
//# sourceMappingURL=postgres.js.map