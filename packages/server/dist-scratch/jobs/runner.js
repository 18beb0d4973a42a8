import { prefixedId } from '../store/ids.js';
import { readJson } from '../store/json.js';
/** Failures of a job before it is set aside (failed_at) for an operator. */
const MAX_ATTEMPTS = 8;
/**
 * Durable jobs: delays, schedules and batched sends that survive restarts.
 *
 * A job is claimed, run and marked done (or given its continuation) in ONE transaction, so its
 * effect (queueing messages) commits exactly when the job does: a crash before the commit leaves
 * the job due for the next start, a crash after it leaves it done. On PostgreSQL each node runs
 * a runner and claims with `FOR UPDATE SKIP LOCKED`: a job held by one node's open transaction
 * is invisible to the others, so two nodes never run it twice. On SQLite (one process) the
 * single connection serialises everything. Scheduling is idempotent by key, and what jobs queue
 * is keyed too (message_queue.dedupe_key): a double send cannot be written.
 *
 * @example
 * runner.register('broadcast.send', sendBroadcast);
 * await JobRunner.schedule(trx, { kind: 'broadcast.send', payload, runAt, key: `b:${id}` });
 */
export class JobRunner {
    db;
    dialect;
    options;
    handlers = new Map();
    recurring = [];
    timer;
    loop;
    again = false;
    started = false;
    constructor(db, dialect, options = {}) {
        this.db = db;
        this.dialect = dialect;
        this.options = options;
    }
    register(kind, handler) {
        this.handlers.set(kind, handler);
    }
    /**
     * A job that runs every `everyMs`, on one node at a time (one row, keyed). A handler that
     * answers a continuation (a long pass in chunks) runs again then; otherwise after `everyMs`.
     */
    every(kind, everyMs, handler) {
        this.register(kind, async (context) => {
            const result = await handler(context);
            return result ?? { runAt: context.now + everyMs, payload: {} };
        });
        this.recurring.push({ kind, everyMs });
    }
    /** Adds a job in the caller's transaction; answers false when its key was scheduled already. */
    static async schedule(trx, job) {
        const result = await trx
            .insertInto('jobs')
            .values({
            id: prefixedId('job', 12),
            workspace_id: job.workspaceId ?? null,
            kind: job.kind,
            payload: JSON.stringify(job.payload ?? {}),
            run_at: job.runAt,
            attempts: 0,
            locked_until: null,
            done_at: null,
            failed_at: null,
            last_error: null,
            idempotency_key: job.key ?? null,
            created_at: Date.now(),
        })
            .onConflict((oc) => oc.column('idempotency_key').doNothing())
            .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    async start() {
        if (this.started)
            return;
        this.started = true;
        for (const { kind } of this.recurring) {
            await JobRunner.schedule(this.db, {
                kind,
                payload: {},
                runAt: Date.now(),
                key: `every:${kind}`,
            });
        }
        this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
        this.timer.unref();
        this.wake();
    }
    /** Stops polling and waits for the job under way: its transaction commits or rolls back whole. */
    async stop() {
        this.started = false;
        clearInterval(this.timer);
        await this.loop;
    }
    /** Looks for due jobs now (after a scheduling on this node). */
    wake() {
        if (!this.started)
            return;
        if (this.loop) {
            this.again = true;
            return;
        }
        this.loop = this.drain()
            .catch((err) => this.options.logger?.error({ err }, 'job runner failed'))
            .finally(() => {
            this.loop = undefined;
            if (this.again && this.started) {
                this.again = false;
                this.wake();
            }
        });
    }
    /** Runs every job due by `now` (continuations included); answers how many runs it made. */
    async runDue(now) {
        await this.loop;
        return this.drain(now);
    }
    async drain(now) {
        let runs = 0;
        // A bound, so that a job continuing forever at `now` cannot hold the loop.
        while (runs < 10_000 && (await this.runOne(now ?? Date.now())))
            runs++;
        return runs;
    }
    /** Claims one due job and runs it in its transaction; answers whether there was one. */
    async runOne(now) {
        let claimed;
        const afterCommit = [];
        try {
            await this.db.transaction().execute(async (trx) => {
                let query = trx
                    .selectFrom('jobs')
                    .select(['id', 'workspace_id', 'kind', 'payload', 'run_at', 'attempts'])
                    .where('done_at', 'is', null)
                    .where('failed_at', 'is', null)
                    .where('run_at', '<=', now)
                    .orderBy('run_at')
                    .limit(1);
                if (this.dialect === 'postgres')
                    query = query.forUpdate().skipLocked();
                const row = await query.executeTakeFirst();
                if (!row)
                    return;
                claimed = {
                    id: row.id,
                    workspaceId: row.workspace_id,
                    kind: row.kind,
                    payload: readJson(row.payload, {}),
                    runAt: Number(row.run_at),
                    attempts: row.attempts,
                };
                const handler = this.handlers.get(row.kind);
                if (!handler)
                    throw new Error(`no handler for jobs of kind ${row.kind}`);
                const result = await handler({
                    trx,
                    job: claimed,
                    now,
                    afterCommit: (fn) => afterCommit.push(fn),
                });
                if (result) {
                    await trx
                        .updateTable('jobs')
                        .set({
                        run_at: result.runAt,
                        attempts: 0,
                        ...(result.payload === undefined ? {} : { payload: JSON.stringify(result.payload) }),
                    })
                        .where('id', '=', row.id)
                        .execute();
                }
                else {
                    await trx
                        .updateTable('jobs')
                        .set({ done_at: Date.now() })
                        .where('id', '=', row.id)
                        .execute();
                }
            });
        }
        catch (error) {
            if (!claimed)
                throw error;
            await this.failed(claimed, error);
            return true;
        }
        for (const fn of afterCommit)
            fn();
        return claimed !== undefined;
    }
    /** Retries later with a growing delay; after MAX_ATTEMPTS sets the job aside with its error. */
    async failed(job, error) {
        const attempts = job.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger?.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
        await this.db
            .updateTable('jobs')
            .set({
            attempts,
            last_error: message.slice(0, 2000),
            run_at: Date.now() + Math.min(3_600_000, 1000 * 2 ** attempts),
            ...(attempts >= MAX_ATTEMPTS ? { failed_at: Date.now() } : {}),
        })
            .where('id', '=', job.id)
            .execute();
    }
}
//# sourceMappingURL=runner.js.map