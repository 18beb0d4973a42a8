import type { Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import type { IngestRoute, Schema } from './schema.js';
/** One accepted tracking request, as the ack path appends it. */
export interface IngestEntry {
    workspaceId: string;
    route: IngestRoute;
    /** When the request was accepted (epoch ms). */
    receivedAt: number;
    /** The request's JSON exactly as received. */
    body: string;
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
 * The `ingest_log` table. Appends go through a group committer: concurrent requests share one
 * transaction and one durable commit, and each append resolves only once committed, so a 200
 * is only sent for a request that is on disk.
 */
export declare class IngestLog {
    private readonly db;
    private readonly dialect;
    private readonly committer;
    private readonly listeners;
    constructor(db: Kysely<Schema>, dialect: DialectName);
    /** Resolves with the row's id once it is committed. */
    append(entry: IngestEntry): Promise<number>;
    /** Calls `fn` with the id of every row this node appends, once committed; answers an unsubscribe. */
    onAppend(fn: (id: number) => void): () => void;
    /**
     * The oldest waiting rows, in order, for the caller's transaction to process and delete. On
     * PostgreSQL they stay locked until that transaction ends and other nodes skip them.
     */
    claim(trx: Kysely<Schema>, limit: number, ids?: number[]): Promise<LoggedRequest[]>;
    /** Deletes processed rows, in the transaction that applied them. */
    remove(trx: Kysely<Schema>, ids: number[]): Promise<void>;
    /** Sets a row aside with the reason: it stays in the table for an operator, out of the way. */
    markFailed(trx: Kysely<Schema>, id: number, error: string, at: number): Promise<void>;
    /** Which of `ids` still wait to be processed (by any node). */
    waiting(ids: number[]): Promise<Set<number>>;
    lag(now?: number): Promise<IngestLag>;
    /** Commits what is queued and stops taking appends. */
    close(): Promise<void>;
    private commit;
}
//# sourceMappingURL=ingest-log.d.ts.map