import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  journalDirectory,
  readWaitingRecords,
} from '../../packages/server/src/store/ingest-journal/segments.js';
import { EVENTS_PER_BATCH } from './events.js';
import { is2xx, type Ledger } from './load.js';
import { appliedThrough } from './progress.js';

/** The events table as the durability check sees it: rows per request number. */
export interface StoredEvents {
  /** Events applied plus calls still waiting in the ingest log. */
  total: number;
  perRequest: Map<number, number>;
  /** Of `total`, the calls still in the ingest log (acknowledged, durable, not processed yet). */
  inLog: number;
}

/**
 * Adds the calls of requests still in the ingest log to `perRequest`: they are acknowledged and
 * durable, and the next start processes them. Bodies are the requests as received.
 */
function countLogged(bodies: string[], runTag: string, perRequest: Map<number, number>): number {
  const prefix = `ajs-next-${runTag}-`;
  let calls = 0;
  for (const text of bodies) {
    const body = JSON.parse(text) as { batch?: Array<{ messageId?: string }> };
    for (const call of body.batch ?? []) {
      calls++;
      const id = call.messageId ?? '';
      if (!id.startsWith(prefix)) continue;
      const requestNo = Number(id.slice(prefix.length).split('-')[0]);
      perRequest.set(requestNo, (perRequest.get(requestNo) ?? 0) + 1);
    }
  }
  return calls;
}

/**
 * Reads the stored events of run `runTag` (applied, or waiting in the ingest log) from Herald's SQLite file, opened read-only once the
 * server has exited. Rows are grouped by the request number inside their messageId
 * (`ajs-next-<runTag>-<requestNo>-<i>`) in SQL, so that millions of rows need not cross into JS.
 */
export function storedInSqlite(file: string, runTag: string): StoredEvents {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const prefix = `ajs-next-${runTag}-`;
    const start = prefix.length + 1; // substr() counts from 1
    const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT CAST(substr(message_id, ?, instr(substr(message_id, ?), '-') - 1) AS INTEGER) AS req,
                count(*) AS n
           FROM events WHERE substr(message_id, 1, ?) = ? GROUP BY req`,
      )
      .all(start, start, prefix.length, prefix) as Array<{ req: number; n: number }>;
    const perRequest = new Map(rows.map((r) => [r.req, r.n]));
    // Still waiting: in the ingest journal beside the database (set-aside requests in the table).
    const waiting = readWaitingRecords(journalDirectory(dirname(file)), appliedThrough(db));
    const bodies = [
      ...waiting.map((r) => r.body),
      ...(db.prepare('SELECT body FROM ingest_log').all() as Array<{ body: string }>).map(
        (r) => r.body,
      ),
    ];
    const inLog = countLogged(bodies, runTag, perRequest);
    return { total: total + inLog, perRequest, inLog };
  } finally {
    db.close();
  }
}

/** The same as {@link storedInSqlite}, from a PostgreSQL database. */
export async function storedInPostgres(databaseUrl: string, runTag: string): Promise<StoredEvents> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const prefix = `ajs-next-${runTag}-`;
    const total = await client.query<{ n: string }>('SELECT count(*) AS n FROM events');
    const rows = await client.query<{ req: string; n: string }>(
      `SELECT split_part(message_id, '-', 4)::bigint AS req, count(*) AS n
         FROM events WHERE starts_with(message_id, $1) GROUP BY req`,
      [prefix],
    );
    const perRequest = new Map(rows.rows.map((r) => [Number(r.req), Number(r.n)]));
    const logged = await client.query<{ body: string }>('SELECT body FROM ingest_log');
    const inLog = countLogged(
      logged.rows.map((r) => r.body),
      runTag,
      perRequest,
    );
    return { total: Number(total.rows[0]?.n ?? 0) + inLog, perRequest, inLog };
  } finally {
    await client.end();
  }
}

export interface DurabilityReport {
  rows: number;
  /** Of `rows`, calls still in the ingest log after shutdown. */
  inLog: number;
  acknowledged: number;
  /** acknowledged × events per batch: what the literal check expects. */
  expectedRows: number;
  /** Unanswered requests (cut off when the load stopped) whose events were committed anyway. */
  committedUnanswered: number;
  /** Every problem found; empty means the check passed. */
  problems: string[];
}

/**
 * Compares what the server acknowledged with what it stored. Passing means:
 * - every event of every 2xx request is in the table (no acknowledged write was lost);
 * - no event of a non-2xx request is (an error means "not stored, send it again");
 * - every request is stored all or nothing (one transaction);
 * - any rows beyond 2xx × 100 belong to requests still in flight when autocannon cut its
 *   connections: the server committed them, the answer just had no one left to read it.
 */
export function checkDurability(ledger: Ledger, stored: StoredEvents): DurabilityReport {
  const problems: string[] = [];
  let acknowledged = 0;
  let lost = 0;
  let storedDespiteError = 0;
  let partial = 0;
  let committedUnanswered = 0;
  for (const [requestNo, status] of ledger.entries()) {
    const n = stored.perRequest.get(requestNo) ?? 0;
    if (n !== 0 && n !== EVENTS_PER_BATCH) partial++;
    if (is2xx(status)) {
      acknowledged++;
      if (n !== EVENTS_PER_BATCH) lost++;
    } else if (status === 0) {
      if (n === EVENTS_PER_BATCH) committedUnanswered++;
    } else if (n > 0) {
      storedDespiteError++;
    }
  }
  let unknown = stored.total;
  for (const [requestNo, n] of stored.perRequest) {
    if (ledger.statusOf(requestNo) !== undefined) unknown -= n;
  }

  if (lost > 0) problems.push(`${lost} acknowledged request(s) are missing events: DATA LOSS`);
  if (partial > 0) problems.push(`${partial} request(s) are only partly stored: not atomic`);
  if (storedDespiteError > 0) {
    problems.push(`${storedDespiteError} request(s) answered non-2xx but their events are stored`);
  }
  if (unknown !== 0) problems.push(`${unknown} row(s) belong to no request of this run`);
  return {
    rows: stored.total,
    inLog: stored.inLog,
    acknowledged,
    expectedRows: acknowledged * EVENTS_PER_BATCH,
    committedUnanswered,
    problems,
  };
}
