import type { Kysely } from 'kysely';
import type { DialectName } from '../store/dialect.js';
import { prefixedId } from '../store/ids.js';
import { readJson } from '../store/json.js';
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
export type JobResult = void | { runAt: number; payload?: unknown };
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
  logger?: { error(details: object, message: string): void };
}

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
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring: Array<{ kind: string; everyMs: number }> = [];
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<unknown> | undefined;
  private again = false;
  private started = false;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
    private readonly options: JobRunnerOptions = {},
  ) {}

  register<P>(kind: string, handler: JobHandler<P>): void {
    this.handlers.set(kind, handler as JobHandler);
  }

  /**
   * A job that runs every `everyMs`, on one node at a time (one row, keyed). A handler that
   * answers a continuation (a long pass in chunks) runs again then; otherwise after `everyMs`.
   */
  every(kind: string, everyMs: number, handler: JobHandler): void {
    this.register(kind, async (context) => {
      const result = await handler(context);
      return result ?? { runAt: context.now + everyMs, payload: {} };
    });
    this.recurring.push({ kind, everyMs });
  }

  /** Adds a job in the caller's transaction; answers false when its key was scheduled already. */
  static async schedule(trx: Kysely<Schema>, job: NewJob): Promise<boolean> {
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

  async start(): Promise<void> {
    if (this.started) return;
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
  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    await this.loop;
  }

  /** Looks for due jobs now (after a scheduling on this node). */
  wake(): void {
    if (!this.started) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.drain()
      .catch((err: unknown) => this.options.logger?.error({ err }, 'job runner failed'))
      .finally(() => {
        this.loop = undefined;
        if (this.again && this.started) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Runs every job due by `now` (continuations included), or at most `maxRuns` runs of them;
   * answers how many runs it made.
   */
  async runDue(now?: number, maxRuns = 10_000): Promise<number> {
    await this.loop;
    return this.drain(now, maxRuns);
  }

  private async drain(now?: number, maxRuns = 10_000): Promise<number> {
    let runs = 0;
    // A bound, so that a job continuing forever at `now` cannot hold the loop.
    while (runs < maxRuns && (await this.runOne(now ?? Date.now()))) runs++;
    return runs;
  }

  /** Claims one due job and runs it in its transaction; answers whether there was one. */
  private async runOne(now: number): Promise<boolean> {
    let claimed: Job | undefined;
    const afterCommit: Array<() => void> = [];
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
        if (this.dialect === 'postgres') query = query.forUpdate().skipLocked();
        const row = await query.executeTakeFirst();
        if (!row) return;
        claimed = {
          id: row.id,
          workspaceId: row.workspace_id,
          kind: row.kind,
          payload: readJson(row.payload, {}),
          runAt: Number(row.run_at),
          attempts: row.attempts,
        };
        const handler = this.handlers.get(row.kind);
        if (!handler) throw new Error(`no handler for jobs of kind ${row.kind}`);
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
        } else {
          await trx
            .updateTable('jobs')
            .set({ done_at: Date.now() })
            .where('id', '=', row.id)
            .execute();
        }
      });
    } catch (error) {
      if (!claimed) throw error;
      await this.failed(claimed, error);
      return true;
    }
    for (const fn of afterCommit) fn();
    return claimed !== undefined;
  }

  /** Retries later with a growing delay; after MAX_ATTEMPTS sets the job aside with its error. */
  private async failed(job: Job, error: unknown): Promise<void> {
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
