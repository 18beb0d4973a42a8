import { Migrator } from 'kysely';
import { migrations } from './migrations/index.js';
/** Brings the schema up to date. Safe to call from several nodes at once: Kysely takes a lock. */
export async function migrateToLatest(db, dialect) {
    const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations(dialect) },
        migrationTableName: 'herald_migrations',
        migrationLockTableName: 'herald_migrations_lock',
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error)
        throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
//# sourceMappingURL=migrate.js.map