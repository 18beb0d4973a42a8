import { type Database, type DatabaseOptions } from './database.js';
import { EventWriter } from './events.js';
import { IngestLog } from './ingest-log.js';
import { MessageStateRepository } from './message-states.js';
import { MessageRepository } from './messages.js';
import { MetricsRepository } from './metrics.js';
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
    /** Commits pending writes, then closes the database. */
    close(): Promise<void>;
}
export declare function openStore(options: DatabaseOptions): Promise<Store>;
export type { DatabaseOptions } from './database.js';
export type { DialectName } from './dialect.js';
//# sourceMappingURL=index.d.ts.map