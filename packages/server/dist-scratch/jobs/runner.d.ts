import type { Kysely } from 'kysely';
import type { DialectName } from '../store/dialect.js';
import type { Schema } from '../store/schema.js';
export interface Job<P = unknown> {
    id: string;
    workspaceId: string | null;
    kind: string;
    payload: P;
    runAt: number;
    attempts: number;
}
export interface JobContext<P = unknown> {
    /** The transaction that marks the job done: every write of the job goes through it. */
    trx: Kysely<Schema>;
    job: Job<P>;
    now: number;
    /** Runs `fn` once the job's transaction has committed (bus announcements). */
    afterCommit(fn: () => void): void;
}
/** Nothing (done), or a continuation: the same job runs again at `runAt` with a new payload. */
export type JobResult = void | {
    runAt: number;
    payload?: unknown;
};
export type JobHandler<P = unknown> = (context: JobContext<P>) => Promise<JobResult>;
export interface NewJob {
    kind: string;
    workspaceId?: string | null;
    payload: unknown;
    runAt: number;
    /** One job per key, ever: scheduling the same thing twice makes one job. */
    key?: string;
}
export interface JobRunnerOptions {
    /** How often to look for due jobs. Default 1,000 ms. */
    pollMs?: number;
    logger?: {
        error(details: object, message: string): void;
    };
}
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
export declare class JobRunner {
    private readonly db;
    private readonly dialect;
    private readonly options;
    private readonly handlers;
    private readonly recurring;
    private timer;
    private loop;
    private again;
    private started;
    constructor(db: Kysely<Schema>, dialect: DialectName, options?: JobRunnerOptions);
    register<P>(kind: string, handler: JobHandler<P>): void;
    /**
     * A job that runs every `everyMs`, on one node at a time (one row, keyed). A handler that
     * answers a continuation (a long pass in chunks) runs again then; otherwise after `everyMs`.
     */
    every(kind: string, everyMs: number, handler: JobHandler): void;
    /** Adds a job in the caller's transaction; answers false when its key was scheduled already. */
    static schedule(trx: Kysely<Schema>, job: NewJob): Promise<boolean>;
    start(): Promise<void>;
    /** Stops polling and waits for the job under way: its transaction commits or rolls back whole. */
    stop(): Promise<void>;
    /** Looks for due jobs now (after a scheduling on this node). */
    wake(): void;
    /** Runs every job due by `now` (continuations included); answers how many runs it made. */
    runDue(now?: number): Promise<number>;
    private drain;
    /** Claims one due job and runs it in its transaction; answers whether there was one. */
    private runOne;
    /** Retries later with a growing delay; after MAX_ATTEMPTS sets the job aside with its error. */
    private failed;
}
//# sourceMappingURL=runner.d.ts.map