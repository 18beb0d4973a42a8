import { type Kysely, Migrator } from 'kysely';
import type { DialectName } from './dialect.js';
import { migrations } from './migrations/index.js';

/** Brings the schema up to date. Safe to call from several nodes at once: Kysely takes a lock. */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: DialectName): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    migrationTableName: 'herald_migrations',
    migrationLockTableName: 'herald_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
