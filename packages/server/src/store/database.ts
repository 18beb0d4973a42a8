import { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { postgresDialect } from './postgres.js';
import type { Schema } from './schema.js';
import { sqliteDialect } from './sqlite.js';

/** An open connection to Herald's database, migrated to the latest schema. */
export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** Opens the database the options name and runs pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = new Kysely<Schema>({
    dialect: options.databaseUrl
      ? postgresDialect(options.databaseUrl)
      : sqliteDialect(options.dataDir),
  });
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, close: () => db.destroy() };
}
