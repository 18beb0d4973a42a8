import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { cachingStatements } from './sqlite-statements.js';
/**
 * Embedded SQLite in `dataDir/herald.db`. WAL lets readers run beside the writer, and
 * `synchronous = FULL` makes every commit durable on disk before it returns: a 2xx we send after
 * a commit survives a crash or a power cut. Group commit (see group-commit.ts) keeps the cost of
 * those syncs low.
 */
export function sqliteDialect(dataDir) {
    mkdirSync(dataDir, { recursive: true });
    const database = new SqliteDatabase(join(dataDir, 'herald.db'));
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return new SqliteDialect({ database: cachingStatements(database) });
}
//# sourceMappingURL=sqlite.js.map