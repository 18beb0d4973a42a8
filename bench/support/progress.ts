import SqliteDatabase from 'better-sqlite3';
import { dirname } from 'node:path';
import pg from 'pg';
import {
  journalDirectory,
  readWaitingRecords,
} from '../../packages/server/src/store/ingest-journal/segments.js';

/**
 * Where Herald's ingestion stands, read from its database by a separate connection while it
 * runs: events applied so far, and what waits in the ingest log (requests acknowledged but not
 * yet processed). The difference of two snapshots gives the processing throughput.
 */
export interface IngestSnapshot {
  at: number;
  events: number;
  logRows: number;
  logEvents: number;
  /** Age of the oldest waiting request, ms (0 when none waits). */
  oldestMs: number;
}

const QUERY_EVENTS = 'SELECT count(*) AS n FROM events';
const QUERY_LOG =
  'SELECT count(*) AS rows, coalesce(sum(item_count), 0) AS events, min(received_at) AS oldest ' +
  'FROM ingest_log WHERE error IS NULL';

/**
 * Reads a snapshot from the SQLite file (WAL lets a reader in beside Herald's writer) and the
 * ingest journal beside it.
 */
export function snapshotSqlite(file: string): IngestSnapshot {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare(QUERY_EVENTS).get() as { n: number }).n;
    const waiting = readWaitingRecords(journalDirectory(dirname(file)), appliedThrough(db));
    return toSnapshot(
      events,
      waiting.length,
      waiting.reduce((sum, r) => sum + r.items, 0),
      waiting[0]?.receivedAt ?? null,
    );
  } finally {
    db.close();
  }
}

/** How far Herald's ingest journal is applied (`ingest_journal`, SQLite only). */
export function appliedThrough(db: SqliteDatabase.Database): number {
  const row = db.prepare('SELECT applied_through AS n FROM ingest_journal').get() as
    { n: number } | undefined;
  return row?.n ?? 0;
}

export async function snapshotPostgres(databaseUrl: string): Promise<IngestSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const events = await client.query<{ n: string }>(QUERY_EVENTS);
    const log = await client.query<{ rows: string; events: string; oldest: string | null }>(
      QUERY_LOG,
    );
    const row = log.rows[0]!;
    return toSnapshot(
      Number(events.rows[0]?.n ?? 0),
      Number(row.rows),
      Number(row.events),
      row.oldest === null ? null : Number(row.oldest),
    );
  } finally {
    await client.end();
  }
}

function toSnapshot(
  events: number,
  logRows: number,
  logEvents: number,
  oldest: number | null,
): IngestSnapshot {
  const at = Date.now();
  return { at, events, logRows, logEvents, oldestMs: oldest === null ? 0 : at - oldest };
}
