import type { Database } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
/**
 * Kysely's SQLite driver prepares every query anew, and preparing (parsing and planning the SQL)
 * costs as much as running a small statement. better-sqlite3 statements are reusable, so this
 * wrapper hands Kysely a cached statement per SQL text (least recently used ones are dropped).
 * A statement still iterating (a stream left open) is busy: a fresh one is prepared instead.
 */
export declare function cachingStatements(database: Database, capacity?: number): SqliteDatabase;
//# sourceMappingURL=sqlite-statements.d.ts.map