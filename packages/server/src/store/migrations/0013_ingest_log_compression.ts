import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * PostgreSQL compresses a large `ingest_log.body` (a batch of 100 calls is ~70 KB) with pglz by
 * default, on the backend that runs the acknowledging INSERT: at tens of thousands of events/s
 * that backend was the ingest bottleneck. lz4 compresses the same JSON several times faster;
 * a server built without lz4 stores the bodies uncompressed instead (the rows live seconds).
 */
export function ingestLogCompression(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`
        do $$
        begin
          alter table ingest_log alter column body set compression lz4;
        exception when feature_not_supported then
          alter table ingest_log alter column body set storage external;
        end $$`.execute(db);
    },
  };
}
