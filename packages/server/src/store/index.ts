import { type Database, type DatabaseOptions, openDatabase } from './database.js';
import { EventWriter } from './events.js';
import { PeopleRepository } from './people.js';
import { WorkspaceRepository } from './workspaces.js';

/**
 * Herald's storage, the same for both dialects: everything above it is written once.
 *
 * @example
 * const store = await openStore({ dataDir: './data' });             // embedded SQLite
 * const store = await openStore({ databaseUrl: 'postgres://…', dataDir: './data' });
 */
export interface Store {
  readonly database: Database;
  readonly workspaces: WorkspaceRepository;
  readonly people: PeopleRepository;
  readonly events: EventWriter;
  /** Commits pending writes, then closes the database. */
  close(): Promise<void>;
}

export async function openStore(options: DatabaseOptions): Promise<Store> {
  const database = await openDatabase(options);
  const events = new EventWriter(database.db);
  return {
    database,
    workspaces: new WorkspaceRepository(database.db),
    people: new PeopleRepository(database.db),
    events,
    async close() {
      await events.close();
      await database.close();
    },
  };
}

export type { DatabaseOptions } from './database.js';
export type { DialectName } from './dialect.js';
