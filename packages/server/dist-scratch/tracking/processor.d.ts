import type { Store } from '../store/index.js';
import type { IngestLag } from '../store/ingest-log.js';
/** Where the processor reports rows it could not apply. Pino's (Fastify's) logger fits. */
export interface ProcessorLogger {
    error(details: object, message: string): void;
}
/** What reads of ingested data need: to wait until this node's acknowledged events are applied. */
export interface ReadYourWrites {
    settled(): Promise<void>;
}
export interface IngestProcessorOptions {
    /** Most logged requests one transaction takes. Default 64. */
    maxRows?: number;
    /**
     * How long one transaction should run, in ms: requests being acknowledged wait behind it (on
     * SQLite everything shares one connection). Rows per transaction adapt to it. Default 20.
     */
    roundMs?: number;
    /**
     * While requests keep arriving, the share of the main thread processing takes; the rest goes
     * to acknowledging, so a burst is taken in at full speed and the log absorbs it (the lag
     * grows, see {@link IngestProcessor.lag}). Idle time always goes to processing. Default 0.05:
     * at saturation the ack path alone costs about 0.6 of a bare parse-only server, so any larger
     * share comes out of the ack rate (bench/README.md).
     */
    busyShare?: number;
    /**
     * Once the oldest row waiting is this old (ms), processing takes half of the thread however
     * busy the ack path is: bursts are absorbed, but a sustained overload cannot grow the lag
     * without bound. Default 10,000.
     */
    catchUpAfterMs?: number;
    /** How often to look for rows other nodes appended. Default 250 ms. */
    pollMs?: number;
    /** Events merged into one submission (one INSERT run) at most. Default 1,000. */
    mergeEvents?: number;
    logger?: ProcessorLogger;
}
/**
 * Drains the ingest log: takes the oldest rows, turns them into events with the tracking
 * normalisation, applies the event pipeline (insert, identities, in-app effects, goals) and
 * deletes the rows, all in one transaction: each logged call is applied exactly once, also across
 * crashes (an interrupted transaction leaves its rows in the log for the next try).
 *
 * On PostgreSQL every node runs one; rows are claimed with `FOR UPDATE SKIP LOCKED`, so two
 * nodes never take the same row. On SQLite there is one per process. Rows are taken in id order:
 * on one node a visitor's calls apply in the order they were accepted.
 *
 * It wakes when this node appends, and polls for other nodes' rows. {@link settled} gives
 * read-your-writes to reads that depend on ingested data.
 *
 * @example
 * const processor = new IngestProcessor(store, { logger: app.log });
 * processor.start();
 * await processor.settled(); // every request this node acknowledged so far is applied
 */
export declare class IngestProcessor implements ReadYourWrites {
    private readonly store;
    private readonly options;
    private readonly maxRows;
    private readonly roundMs;
    private readonly busyShare;
    private readonly catchUpAfterMs;
    /** When the oldest row the last round took was received. */
    private oldestTaken;
    private readonly pollMs;
    private readonly mergeEvents;
    /** Ids this node appended that are not known to be processed yet. */
    private readonly pending;
    private lastAppended;
    private appends;
    private appendsSeen;
    private waiters;
    private readonly attempts;
    /** Running estimate of ms per logged call, to size transactions to `roundMs`. */
    private msPerEvent;
    private eventsPerRow;
    private loop;
    private again;
    private started;
    private stopped;
    private pollTimer;
    private retryTimer;
    private backingOff;
    /** Ends the current rest early (a reader is waiting, or the processor stops). */
    private endRest;
    private readonly unsubscribe;
    constructor(store: Store, options?: IngestProcessorOptions);
    /** Starts processing: what the log holds already (from before a restart), then new rows. */
    start(): void;
    /**
     * Resolves once every request this node acknowledged before the call has been applied (at once
     * when nothing is waiting). After {@link stop} it resolves at once.
     */
    settled(): Promise<void>;
    /** How far behind processing is, over the whole log. */
    lag(): Promise<IngestLag>;
    /** Processes until the log holds nothing this node can take. */
    drain(): Promise<void>;
    /**
     * Stops: finishes the transaction under way, then keeps draining for up to `drainMs` (what is
     * left stays in the log, durable, for the next start on any node). Waiting settled() calls
     * resolve.
     */
    stop({ drainMs }?: {
        drainMs?: number;
    }): Promise<void>;
    private wake;
    private run;
    /**
     * Lets acknowledgements run. While requests keep arriving, rest long enough that processing
     * keeps only its busy share of the thread; otherwise go on at once.
     */
    private yieldTo;
    /** One transaction's worth; answers how many rows it took (0: nothing to take, or failed). */
    private round;
    /** Claims up to `limit` rows (or those of `ids`), applies them and deletes them, in one transaction. */
    private process;
    private decode;
    /** Sets a row that keeps failing aside (kept, with the error, for an operator). */
    private setAside;
    /** Pauses after a failure that may be passing (a lost connection), then tries again. */
    private backOff;
    /**
     * Forgets pending ids that are gone from the log: another node processed them (PostgreSQL).
     * While a settled() caller waits on rows still there (another node holds them), looks again soon.
     */
    private reconcile;
    /** Resolves the settled() callers whose rows are all processed. */
    private settle;
}
//# sourceMappingURL=processor.d.ts.map