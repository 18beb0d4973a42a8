import { Kysely, type KyselyConfig, type MigrationResultSet, Migrator } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DialectName } from '../store/index.js';
import { migrations } from '../store/migrations/index.js';
import { postgresDialect } from '../store/postgres.js';
import type { Schema } from '../store/schema.js';
import { sqliteDialect } from '../store/sqlite.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** An empty database that a test migrates step by step. */
export interface MigrationDatabase {
  /** The connection, once the suite has started (read it inside a test). */
  readonly db: Kysely<Schema>;
  /** Applies the migrations up to and including `name`; fails the test on an error. */
  migrateTo(name: string): Promise<void>;
  /** Applies the rest; fails the test on an error. */
  migrateToLatest(): Promise<void>;
  /** Inserts the workspace `ws_1` for the test's rows to belong to. */
  insertWorkspace(): Promise<void>;
  /** Inserts identified people of `ws_1`, their other columns alike. */
  insertProfiles(profiles: Array<{ id: string; userId: string }>): Promise<void>;
}

/**
 * For testing a migration over rows the schema before it wrote: a fresh, empty database on
 * `dialect` for the suite, opened before its tests and dropped after them. A test migrates up
 * to the migration before the one it tests, inserts rows, migrates the rest and reads.
 *
 * @example
 * describeEachDialect('migration 0007 (segment builds)', (dialect) => {
 *   const database = useMigrationDatabase(dialect);
 *   it('schedules a build', async () => {
 *     const { db } = database;
 *     await database.migrateTo('0006_campaigns');
 *     await database.insertWorkspace();
 *     await db.insertInto('segments').values(…).execute();
 *     await database.migrateToLatest();
 *     expect(await db.selectFrom('jobs').selectAll().execute()).toEqual(…);
 *   });
 * });
 */
export function useMigrationDatabase(
  dialect: DialectName,
  /** E.g. `log`, to see the queries run. */
  config: Omit<KyselyConfig, 'dialect'> = {},
): MigrationDatabase {
  let database: TestDatabase | undefined;
  let db: Kysely<Schema> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const url = database.options.databaseUrl;
    db = new Kysely<Schema>({
      ...config,
      dialect: url ? postgresDialect(url) : sqliteDialect(database.options.dataDir),
    });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const opened = () => {
    if (!db) throw new Error('The migration database opens before the suite’s tests');
    return db;
  };
  const migrator = () =>
    new Migrator({
      db: opened(),
      provider: { getMigrations: async () => migrations(dialect) },
      migrationTableName: 'herald_migrations',
      migrationLockTableName: 'herald_migrations_lock',
    });
  const succeeded = (result: MigrationResultSet) => expect(result.error).toBeUndefined();
  return {
    get db() {
      return opened();
    },
    migrateTo: async (name) => succeeded(await migrator().migrateTo(name)),
    migrateToLatest: async () => succeeded(await migrator().migrateToLatest()),
    insertWorkspace: async () => {
      await opened()
        .insertInto('workspaces')
        .values({ id: 'ws_1', name: 'Old', settings: '{}', created_at: 1, updated_at: 1 })
        .execute();
    },
    insertProfiles: async (profiles) => {
      await opened()
        .insertInto('profiles')
        .values(
          profiles.map(({ id, userId }) => ({
            id,
            workspace_id: 'ws_1',
            user_id: userId,
            email: null,
            traits: '{}',
            created_at: 1,
            updated_at: 1,
            last_seen_at: 1,
          })),
        )
        .execute();
    },
  };
}
