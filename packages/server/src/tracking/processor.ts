import { derivedTransaction } from '../store/derived-transaction.js';
import type { EventSubmission } from '../store/event-pipeline.js';
import type { Store } from '../store/index.js';
import type { IngestLag, LoggedRequest } from '../store/ingest-log.js';
import { type ProcessingShare, processingShare } from './processing-share.js';
import { eventsOf } from './requests.js';

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
   * Past this lag (ms: the age of the oldest row waiting), processing takes a growing share of
   * the thread however busy the ack path is, reaching half at {@link catchUpFullMs}: a burst is
   * absorbed at full speed, and a sustained overload meets backpressure that grows with the lag
   * instead of a cliff. Default 5,000.
   */
  catchUpFromMs?: number;
  /**
   * The lag (ms) at which processing takes half of the thread. Default 30,000: the lag at which
   * docs/scaling.md says to alert.
   */
  catchUpFullMs?: number;
  /** How often to look for rows other nodes appended. Default 250 ms. */
  pollMs?: number;
  /** Events merged into one submission (one INSERT run) at most. Default 1,000. */
  mergeEvents?: number;
  logger?: ProcessorLogger;
}

/** Failures of a row alone before it is set aside. */
const MAX_ATTEMPTS = 3;
const RETRY_MS = 1000;
/** How soon to look again while a settled() caller waits on rows another node holds. */
const RECHECK_MS = 25;

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
export class IngestProcessor implements ReadYourWrites {
  private readonly maxRows: number;
  private readonly roundMs: number;
  private readonly share: ProcessingShare;
  /** When the oldest row the last round took was received. */
  private oldestTaken = Infinity;
  private readonly pollMs: number;
  private readonly mergeEvents: number;
  /** Ids this node appended that are not known to be processed yet. */
  private readonly pending = new Set<number>();
  private lastAppended = 0;
  private appends = 0;
  private appendsSeen = 0;
  private waiters: Array<{ upTo: number; resolve: () => void }> = [];
  private readonly attempts = new Map<number, number>();
  /** Running estimate of ms per logged call, to size transactions to `roundMs`. */
  private msPerEvent = 0.05;
  private eventsPerRow = 100;
  private loop: Promise<void> | undefined;
  private again = false;
  private started = false;
  private stopped = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backingOff = false;
  /** Ends the current rest early (a reader is waiting, or the processor stops). */
  private endRest: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly options: IngestProcessorOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 64;
    this.roundMs = options.roundMs ?? 20;
    this.share = {
      busyShare: options.busyShare ?? 0.05,
      fromMs: options.catchUpFromMs ?? 5_000,
      fullMs: options.catchUpFullMs ?? 30_000,
    };
    this.pollMs = options.pollMs ?? 250;
    this.mergeEvents = options.mergeEvents ?? 1000;
    this.unsubscribe = store.ingestLog.onAppend((id) => {
      this.pending.add(id);
      if (id > this.lastAppended) this.lastAppended = id;
      this.appends++;
      this.wake();
    });
  }

  /** Starts processing: what the log holds already (from before a restart), then new rows. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.pollTimer = setInterval(() => this.wake(), this.pollMs);
    this.pollTimer.unref();
    this.wake();
  }

  /**
   * Resolves once every request this node acknowledged before the call has been applied (at once
   * when nothing is waiting). After {@link stop} it resolves at once.
   */
  settled(): Promise<void> {
    if (this.pending.size === 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ upTo: this.lastAppended, resolve });
      this.endRest?.();
      this.wake();
    });
  }

  /** How far behind processing is, over the whole log. */
  lag(): Promise<IngestLag> {
    return this.store.ingestLog.lag();
  }

  /** Processes until the log holds nothing this node can take. */
  async drain(): Promise<void> {
    await this.loop;
    while (!this.stopped && !this.backingOff && (await this.round()) > 0) {
      // Keep going: rows remain.
    }
    await this.reconcile();
    this.settle();
  }

  /**
   * Stops: finishes the transaction under way, then keeps draining for up to `drainMs` (what is
   * left stays in the log, durable, for the next start on any node). Waiting settled() calls
   * resolve.
   */
  async stop({ drainMs = 0 }: { drainMs?: number } = {}): Promise<void> {
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.started = false;
    this.endRest?.();
    await this.loop;
    const deadline = Date.now() + drainMs;
    while (!this.backingOff && Date.now() < deadline && (await this.round()) > 0) {
      // Keep going until the log is empty or time is up.
    }
    this.stopped = true;
    this.unsubscribe();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  private wake(): void {
    if (!this.started || this.backingOff) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      const startedAt = performance.now();
      const rows = await this.round();
      if (rows > 0) {
        this.again = true;
        // Requests arrived since the last look (during the round, or the rest before it).
        const busy = this.appends !== this.appendsSeen;
        this.appendsSeen = this.appends;
        await this.yieldTo(busy, performance.now() - startedAt);
      } else {
        await this.reconcile();
      }
      this.settle();
    } while (this.again && this.started && !this.backingOff);
  }

  /**
   * Lets acknowledgements run. While requests keep arriving, rest long enough that processing
   * keeps only its busy share of the thread; otherwise go on at once.
   */
  private yieldTo(busy: boolean, roundMs: number): Promise<void> {
    // A reader waiting in settled() needs the backlog applied: no resting then.
    if (!busy || this.waiters.length > 0) return new Promise((resolve) => setImmediate(resolve));
    const share = processingShare(Date.now() - this.oldestTaken, this.share);
    const rest = (roundMs * (1 - share)) / share;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, rest);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.endRest = done;
    }).finally(() => {
      this.endRest = undefined;
    });
  }

  /** One transaction's worth; answers how many rows it took (0: nothing to take, or failed). */
  private async round(): Promise<number> {
    const limit = Math.max(
      1,
      Math.min(this.maxRows, Math.floor(this.roundMs / (this.msPerEvent * this.eventsPerRow))),
    );
    const first = await this.process(limit);
    if (first.error === undefined) return first.rows.length;
    this.options.logger?.error(
      { err: first.error },
      'ingest processing failed; retrying rows one by one',
    );
    if (first.rows.length === 0) {
      this.backOff();
      return 0;
    }
    // Apply the rows one at a time, so that one bad row holds up none of the others.
    let applied = 0;
    for (const id of first.rows) {
      const single = await this.process(1, [id]);
      if (single.error === undefined) {
        applied += single.rows.length;
        continue;
      }
      const attempts = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempts);
      if (attempts < MAX_ATTEMPTS) {
        this.backOff();
        return applied;
      }
      await this.setAside(id, single.error);
      applied++;
    }
    return applied;
  }

  /** Claims up to `limit` rows (or those of `ids`), applies them and deletes them, in one transaction. */
  private async process(
    limit: number,
    ids?: number[],
  ): Promise<{ rows: number[]; error?: unknown }> {
    const { db, dialect } = this.store.database;
    const log = this.store.ingestLog;
    const pipeline = this.store.events.pipeline;
    const claimed: number[] = [];
    const afterCommit: Array<() => void> = [];
    const startedAt = performance.now();
    let events = 0;
    try {
      // Everything written here follows from the log, and goes back to it if a crash takes the
      // commit back: no need to wait for the disk (store/derived-transaction.ts).
      await derivedTransaction(db, dialect, async (trx) => {
        const rows = await log.claim(trx, limit, ids);
        const applied: number[] = [];
        const submissions: EventSubmission[] = [];
        this.oldestTaken = rows[0]?.receivedAt ?? Infinity;
        for (const row of rows) {
          claimed.push(row.id);
          const decoded = this.decode(row);
          if (decoded instanceof Error) {
            // Checked when accepted, so this should not happen; keep the row aside, never drop it.
            await log.markFailed(trx, row.id, decoded.message, Date.now());
            this.options.logger?.error(
              { err: decoded, ingestLogId: row.id },
              'logged request set aside: it cannot be read',
            );
            continue;
          }
          events += decoded.length;
          applied.push(row.id);
          const last = submissions.at(-1);
          if (
            last &&
            last.workspaceId === row.workspaceId &&
            last.events.length + decoded.length <= this.mergeEvents
          ) {
            for (const event of decoded) last.events.push(event);
          } else {
            submissions.push({ workspaceId: row.workspaceId, events: decoded });
          }
        }
        for (const submission of submissions) {
          await pipeline.apply(trx, submission, (fn) => afterCommit.push(fn));
        }
        await log.remove(trx, applied);
      });
    } catch (error) {
      return { rows: claimed, error };
    }
    for (const fn of afterCommit) fn();
    for (const id of claimed) {
      this.pending.delete(id);
      this.attempts.delete(id);
    }
    if (claimed.length > 0 && events > 0) {
      const ms = (performance.now() - startedAt) / events;
      this.msPerEvent = this.msPerEvent * 0.7 + ms * 0.3;
      this.eventsPerRow = this.eventsPerRow * 0.7 + (events / claimed.length) * 0.3;
    }
    return { rows: claimed };
  }

  private decode(row: LoggedRequest) {
    try {
      return eventsOf(row);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Sets a row that keeps failing aside (kept, with the error, for an operator). */
  private async setAside(id: number, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.store.database.db
        .transaction()
        .execute((trx) => this.store.ingestLog.markFailed(trx, id, message, Date.now()));
      this.pending.delete(id);
      this.attempts.delete(id);
      this.options.logger?.error({ err: error, ingestLogId: id }, 'logged request set aside');
    } catch {
      // The database is unreachable: the row stays, and is retried after the back-off.
      this.backOff();
    }
  }

  /** Pauses after a failure that may be passing (a lost connection), then tries again. */
  private backOff(): void {
    if (this.backingOff) return;
    this.backingOff = true;
    this.retryTimer = setTimeout(() => {
      this.backingOff = false;
      this.wake();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  /**
   * Forgets pending ids that are gone from the log: another node processed them (PostgreSQL).
   * While a settled() caller waits on rows still there (another node holds them), looks again soon.
   */
  private async reconcile(): Promise<void> {
    if (this.pending.size === 0) return;
    let waiting: Set<number>;
    try {
      waiting = await this.store.ingestLog.waiting([...this.pending]);
    } catch {
      return;
    }
    for (const id of this.pending) if (!waiting.has(id)) this.pending.delete(id);
    if (this.pending.size > 0 && this.waiters.length > 0 && this.started) {
      setTimeout(() => this.wake(), RECHECK_MS).unref();
    }
  }

  /** Resolves the settled() callers whose rows are all processed. */
  private settle(): void {
    if (this.waiters.length === 0) return;
    let oldest = Number.POSITIVE_INFINITY;
    for (const id of this.pending) if (id < oldest) oldest = id;
    this.waiters = this.waiters.filter((waiter) => {
      if (oldest <= waiter.upTo) return true;
      waiter.resolve();
      return false;
    });
  }
}
