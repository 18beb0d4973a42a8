import { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import { Maintenance } from './maintenance.js';
import { migrateToLatest } from './migrate.js';
import { postgresDialect } from './postgres.js';
import type { Schema } from './schema.js';
import { sqliteDialect } from './sqlite.js';

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
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = new Kysely<Schema>({
    dialect: options.databaseUrl
      ? postgresDialect(options.databaseUrl, options.poolSize)
      : sqliteDialect(options.dataDir),
  });
  let migrated: string[];
  try {
    migrated = await migrateToLatest(db, dialect);
    // This week's and the coming weeks' events partitions, before anything is inserted; a
    // node that finds another doing it goes on (the default partition holds meanwhile).
    if (dialect === 'postgres') {
      await new Maintenance(
        { db, replica: db, dialect, migrated, close: async () => {} },
        {
          retentionDays: 0,
        },
      ).run();
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // The replica gets its schema from the primary (replication), never migrations of its own.
  const replica =
    options.databaseUrl && options.replicaUrl
      ? new Kysely<Schema>({ dialect: postgresDialect(options.replicaUrl, options.poolSize) })
      : db;
  return {
    db,
    replica,
    dialect,
    migrated,
    close: async () => {
      if (replica !== db) await replica.destroy();
      await db.destroy();
    },
  };
}
