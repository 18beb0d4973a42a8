/**
 * Kysely's SQLite driver prepares every query anew, and preparing (parsing and planning the SQL)
 * costs as much as running a small statement. better-sqlite3 statements are reusable, so this
 * wrapper hands Kysely a cached statement per SQL text (least recently used ones are dropped).
 * A statement still iterating (a stream left open) is busy: a fresh one is prepared instead.
 */
export function cachingStatements(database, capacity = 500) {
    const cache = new Map();
    return {
        close() {
            cache.clear();
            database.close();
        },
        prepare(sql) {
            const cached = cache.get(sql);
            if (cached) {
                if (cached.busy)
                    return database.prepare(sql);
                // Re-inserting marks it most recently used.
                cache.delete(sql);
                cache.set(sql, cached);
                return cached;
            }
            const statement = database.prepare(sql);
            cache.set(sql, statement);
            if (cache.size > capacity)
                cache.delete(cache.keys().next().value);
            return statement;
        },
    };
}
//# sourceMappingURL=sqlite-statements.js.map