import type { Kysely } from 'kysely';
import type { IngestRoute, Schema } from './schema.js';

/** One accepted tracking request, as the ack path appends it. */
export interface IngestEntry {
  workspaceId: string;
  route: IngestRoute;
  /** When the request was accepted (epoch ms). */
  receivedAt: number;
  /** The request's JSON exactly as received. */
  body: string;
  /** `body` as the UTF-8 bytes received, when at hand: spares encoding it again. */
  bytes?: Buffer;
  /** How many calls it holds. */
  items: number;
}

/** A logged request, read back by the processor. */
export interface LoggedRequest extends IngestEntry {
  id: number;
}

/** How far behind the processors are, over the whole log (every node's rows). */
export interface IngestLag {
  /** Requests waiting to be processed. */
  rows: number;
  /** Calls those requests hold. */
  events: number;
  /** Age of the oldest waiting request in ms; 0 when none waits. */
  oldestMs: number;
  /** Requests set aside because they could not be processed. */
  failed: number;
}

/**
 * The ingest log: every accepted tracking request, durable before it is answered, waiting for
 * the ingest processor (tracking/processor.ts). Ids only grow.
 *
 * The processor's contract: every row {@link claim} hands out is, in the same transaction,
 * either applied and {@link remove}d or {@link markFailed}; rows come back only if that
 * transaction rolls back. So each logged request is applied exactly once, also across crashes.
 *
 * Two implementations: on PostgreSQL a table every node shares (ingest-log-table.ts); on SQLite
 * an append-only journal of files beside the database (ingest-journal/), which keeps the
 * acknowledging thread free of synchronous disk writes.
 *
 * @example
 * const id = await log.append({ workspaceId, route: 'batch', receivedAt, body, items }); // durable
 * await db.transaction().execute(async (trx) => {
 *   const rows = await log.claim(trx, 64);
 *   // … apply them …
 *   await log.remove(trx, rows.map((r) => r.id));
 * });
 */
export interface IngestLog {
  /** Resolves with the request's id once it is durable. */
  append(entry: IngestEntry): Promise<number>;
  /** Calls `fn` with the id of every request this node appends, once durable; answers an unsubscribe. */
  onAppend(fn: (id: number) => void): () => void;
  /**
   * The oldest waiting requests, in id order (or exactly `ids`, when they are the oldest still
   * waiting), for the caller's transaction to apply and remove or set aside.
   */
  claim(trx: Kysely<Schema>, limit: number, ids?: number[]): Promise<LoggedRequest[]>;
  /** Drops applied requests, in the transaction that applied them. */
  remove(trx: Kysely<Schema>, ids: number[]): Promise<void>;
  /** Sets a request aside with the reason: kept in the `ingest_log` table for an operator. */
  markFailed(trx: Kysely<Schema>, id: number, error: string, at: number): Promise<void>;
  /** Which of `ids` still wait to be processed (by any node). */
  waiting(ids: number[]): Promise<Set<number>>;
  lag(now?: number): Promise<IngestLag>;
  /** Makes what is queued durable and stops taking appends. */
  close(): Promise<void>;
}

/** Calls listeners with each appended id: the part of the log the two kinds share. */
export class AppendListeners {
  private readonly listeners: Array<(id: number) => void> = [];

  add(fn: (id: number) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const at = this.listeners.indexOf(fn);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  notify(id: number): void {
    for (const listener of this.listeners) listener(id);
  }
}
