import { openDatabase } from './database.js';
import { EventWriter } from './events.js';
import { IngestLog } from './ingest-log.js';
import { MessageStateRepository } from './message-states.js';
import { MessageRepository } from './messages.js';
import { MetricsRepository } from './metrics.js';
import { PeopleRepository } from './people.js';
import { WorkspaceRepository } from './workspaces.js';
export async function openStore(options) {
    const database = await openDatabase(options);
    const events = new EventWriter(database.db, database.dialect);
    const ingestLog = new IngestLog(database.db, database.dialect);
    return {
        database,
        workspaces: new WorkspaceRepository(database.db),
        people: new PeopleRepository(database.db),
        events,
        ingestLog,
        messages: new MessageRepository(database.db),
        messageStates: new MessageStateRepository(database.db),
        // Figures tolerate replication lag (explained in docs/scaling.md); everything else reads
        // the primary, so that a read right after a write sees it.
        metrics: new MetricsRepository(database.replica),
        async close() {
            await ingestLog.close();
            await events.close();
            await database.close();
        },
    };
}
//# sourceMappingURL=index.js.map