import { type Database, type DatabaseOptions, openDatabase } from './database.js';
import { EventWriter } from './events.js';
import type { IngestLog } from './ingest-log.js';
import { TableIngestLog } from './ingest-log-table.js';
import { JournalIngestLog, type JournalOptions } from './ingest-journal/journal-log.js';
import { journalDirectory } from './ingest-journal/segments.js';
import { MessageStateRepository } from './message-states.js';
import { MessageRepository } from './messages.js';
import { MetricsRepository } from './metrics.js';
import { SplitRepository } from './splits.js';
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
  /** Synchronous event writes (the in-app intake); owns the pipeline every event goes through. */
  readonly events: EventWriter;
  /** Accepted tracking requests waiting for the ingest processor. */
  readonly ingestLog: IngestLog;
  readonly messages: MessageRepository;
  readonly messageStates: MessageStateRepository;
  readonly metrics: MetricsRepository;
  /** Figures per variant and language. */
  readonly splits: SplitRepository;
  /** Commits pending writes, then closes the database. */
  close(): Promise<void>;
}

export interface StoreOptions extends DatabaseOptions {
  /** SQLite's ingest journal (tests use small segments). */
  journal?: JournalOptions;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const database = await openDatabase(options);
  const events = new EventWriter(database.db, database.dialect);
  let ingestLog: IngestLog;
  try {
    // PostgreSQL nodes share the log as a table; one SQLite process keeps it in files.
    ingestLog =
      database.dialect === 'postgres'
        ? new TableIngestLog(database.db, database.dialect)
        : await JournalIngestLog.open(
            database.db,
            journalDirectory(options.dataDir),
            options.journal,
          );
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    database,
    workspaces: new WorkspaceRepository(database.db),
    people: new PeopleRepository(database.db, database.dialect),
    events,
    ingestLog,
    messages: new MessageRepository(database.db),
    messageStates: new MessageStateRepository(database.db),
    // Figures tolerate replication lag (explained in docs/scaling.md); everything else reads
    // the primary, so that a read right after a write sees it.
    metrics: new MetricsRepository(database.replica),
    splits: new SplitRepository(database.replica),
    async close() {
      await ingestLog.close();
      await events.close();
      await database.close();
    },
  };
}

export type { DatabaseOptions } from './database.js';
export type { DialectName } from './dialect.js';
