import { Kysely } from 'kysely';
import { Maintenance } from './maintenance.js';
import { migrateToLatest } from './migrate.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';
/** Opens the database the options name and runs pending migrations. */
export async function openDatabase(options) {
    const dialect = options.databaseUrl ? 'postgres' : 'sqlite';
    const db = new Kysely({
        dialect: options.databaseUrl
            ? postgresDialect(options.databaseUrl, options.poolSize)
            : sqliteDialect(options.dataDir),
    });
    let migrated;
    try {
        migrated = await migrateToLatest(db, dialect);
        // This week's and the coming weeks' events partitions, before anything is inserted; a
        // node that finds another doing it goes on (the default partition holds meanwhile).
        if (dialect === 'postgres') {
            await new Maintenance({ db, replica: db, dialect, migrated, close: async () => { } }, {
                retentionDays: 0,
            }).run();
        }
    }
    catch (error) {
        await db.destroy();
        throw error;
    }
    // The replica gets its schema from the primary (replication), never migrations of its own.
    const replica = options.databaseUrl && options.replicaUrl
        ? new Kysely({ dialect: postgresDialect(options.replicaUrl, options.poolSize) })
        : db;
    return {
        db,
        replica,
        dialect,
        migrated,
        close: async () => {
            if (replica !== db)
                await replica.destroy();
            await db.destroy();
        },
    };
}
//# sourceMappingURL=database.js.map