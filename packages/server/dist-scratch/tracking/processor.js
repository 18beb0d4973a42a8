import { eventsOf } from './requests.js';
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
export class IngestProcessor {
    store;
    options;
    maxRows;
    roundMs;
    busyShare;
    catchUpAfterMs;
    /** When the oldest row the last round took was received. */
    oldestTaken = Infinity;
    pollMs;
    mergeEvents;
    /** Ids this node appended that are not known to be processed yet. */
    pending = new Set();
    lastAppended = 0;
    appends = 0;
    appendsSeen = 0;
    waiters = [];
    attempts = new Map();
    /** Running estimate of ms per logged call, to size transactions to `roundMs`. */
    msPerEvent = 0.05;
    eventsPerRow = 100;
    loop;
    again = false;
    started = false;
    stopped = false;
    pollTimer;
    retryTimer;
    backingOff = false;
    /** Ends the current rest early (a reader is waiting, or the processor stops). */
    endRest;
    unsubscribe;
    constructor(store, options = {}) {
        this.store = store;
        this.options = options;
        this.maxRows = options.maxRows ?? 64;
        this.roundMs = options.roundMs ?? 20;
        this.busyShare = options.busyShare ?? 0.05;
        this.catchUpAfterMs = options.catchUpAfterMs ?? 10_000;
        this.pollMs = options.pollMs ?? 250;
        this.mergeEvents = options.mergeEvents ?? 1000;
        this.unsubscribe = store.ingestLog.onAppend((id) => {
            this.pending.add(id);
            if (id > this.lastAppended)
                this.lastAppended = id;
            this.appends++;
            this.wake();
        });
    }
    /** Starts processing: what the log holds already (from before a restart), then new rows. */
    start() {
        if (this.started || this.stopped)
            return;
        this.started = true;
        this.pollTimer = setInterval(() => this.wake(), this.pollMs);
        this.pollTimer.unref();
        this.wake();
    }
    /**
     * Resolves once every request this node acknowledged before the call has been applied (at once
     * when nothing is waiting). After {@link stop} it resolves at once.
     */
    settled() {
        if (this.pending.size === 0 || this.stopped)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.waiters.push({ upTo: this.lastAppended, resolve });
            this.endRest?.();
            this.wake();
        });
    }
    /** How far behind processing is, over the whole log. */
    lag() {
        return this.store.ingestLog.lag();
    }
    /** Processes until the log holds nothing this node can take. */
    async drain() {
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
    async stop({ drainMs = 0 } = {}) {
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
        for (const waiter of this.waiters)
            waiter.resolve();
        this.waiters = [];
    }
    wake() {
        if (!this.started || this.backingOff)
            return;
        if (this.loop) {
            this.again = true;
            return;
        }
        this.loop = this.run().finally(() => {
            this.loop = undefined;
        });
    }
    async run() {
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
            }
            else {
                await this.reconcile();
            }
            this.settle();
        } while (this.again && this.started && !this.backingOff);
    }
    /**
     * Lets acknowledgements run. While requests keep arriving, rest long enough that processing
     * keeps only its busy share of the thread; otherwise go on at once.
     */
    yieldTo(busy, roundMs) {
        // A reader waiting in settled() needs the backlog applied: no resting then.
        if (!busy || this.waiters.length > 0)
            return new Promise((resolve) => setImmediate(resolve));
        const behind = Date.now() - this.oldestTaken >= this.catchUpAfterMs;
        const share = behind ? Math.max(this.busyShare, 0.5) : this.busyShare;
        const rest = (roundMs * (1 - share)) / share;
        return new Promise((resolve) => {
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
    async round() {
        const limit = Math.max(1, Math.min(this.maxRows, Math.floor(this.roundMs / (this.msPerEvent * this.eventsPerRow))));
        const first = await this.process(limit);
        if (first.error === undefined)
            return first.rows.length;
        this.options.logger?.error({ err: first.error }, 'ingest processing failed; retrying rows one by one');
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
    async process(limit, ids) {
        const { db } = this.store.database;
        const log = this.store.ingestLog;
        const pipeline = this.store.events.pipeline;
        const claimed = [];
        const afterCommit = [];
        const startedAt = performance.now();
        let events = 0;
        try {
            await db.transaction().execute(async (trx) => {
                const rows = await log.claim(trx, limit, ids);
                const applied = [];
                const submissions = [];
                this.oldestTaken = rows[0]?.receivedAt ?? Infinity;
                for (const row of rows) {
                    claimed.push(row.id);
                    const decoded = this.decode(row);
                    if (decoded instanceof Error) {
                        // Checked when accepted, so this should not happen; keep the row aside, never drop it.
                        await log.markFailed(trx, row.id, decoded.message, Date.now());
                        this.options.logger?.error({ err: decoded, ingestLogId: row.id }, 'logged request set aside: it cannot be read');
                        continue;
                    }
                    events += decoded.length;
                    applied.push(row.id);
                    const last = submissions.at(-1);
                    if (last &&
                        last.workspaceId === row.workspaceId &&
                        last.events.length + decoded.length <= this.mergeEvents) {
                        for (const event of decoded)
                            last.events.push(event);
                    }
                    else {
                        submissions.push({ workspaceId: row.workspaceId, events: decoded });
                    }
                }
                for (const submission of submissions) {
                    await pipeline.apply(trx, submission, (fn) => afterCommit.push(fn));
                }
                await log.remove(trx, applied);
            });
        }
        catch (error) {
            return { rows: claimed, error };
        }
        for (const fn of afterCommit)
            fn();
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
    decode(row) {
        try {
            return eventsOf(row);
        }
        catch (error) {
            return error instanceof Error ? error : new Error(String(error));
        }
    }
    /** Sets a row that keeps failing aside (kept, with the error, for an operator). */
    async setAside(id, error) {
        const message = error instanceof Error ? error.message : String(error);
        try {
            await this.store.database.db
                .transaction()
                .execute((trx) => this.store.ingestLog.markFailed(trx, id, message, Date.now()));
            this.pending.delete(id);
            this.attempts.delete(id);
            this.options.logger?.error({ err: error, ingestLogId: id }, 'logged request set aside');
        }
        catch {
            // The database is unreachable: the row stays, and is retried after the back-off.
            this.backOff();
        }
    }
    /** Pauses after a failure that may be passing (a lost connection), then tries again. */
    backOff() {
        if (this.backingOff)
            return;
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
    async reconcile() {
        if (this.pending.size === 0)
            return;
        let waiting;
        try {
            waiting = await this.store.ingestLog.waiting([...this.pending]);
        }
        catch {
            return;
        }
        for (const id of this.pending)
            if (!waiting.has(id))
                this.pending.delete(id);
        if (this.pending.size > 0 && this.waiters.length > 0 && this.started) {
            setTimeout(() => this.wake(), RECHECK_MS).unref();
        }
    }
    /** Resolves the settled() callers whose rows are all processed. */
    settle() {
        if (this.waiters.length === 0)
            return;
        let oldest = Number.POSITIVE_INFINITY;
        for (const id of this.pending)
            if (id < oldest)
                oldest = id;
        this.waiters = this.waiters.filter((waiter) => {
            if (oldest <= waiter.upTo)
                return true;
            waiter.resolve();
            return false;
        });
    }
}
//# sourceMappingURL=processor.js.map