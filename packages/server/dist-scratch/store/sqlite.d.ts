import { SqliteDialect } from 'kysely';
/**
 * Embedded SQLite in `dataDir/herald.db`. WAL lets readers run beside the writer, and
 * `synchronous = FULL` makes every commit durable on disk before it returns: a 2xx we send after
 * a commit survives a crash or a power cut. Group commit (see group-commit.ts) keeps the cost of
 * those syncs low.
 */
export declare function sqliteDialect(dataDir: string): SqliteDialect;
//# sourceMappingURL=sqlite.d.ts.map