/**
 * Group commit: writes submitted by concurrent requests within a few milliseconds are written in
 * one transaction, so the cost of a durable commit (an fsync on SQLite, a round trip and a WAL
 * flush on PostgreSQL) is shared by all of them. Each `submit` resolves only once its write is
 * committed, so a request answers 2xx only for data that is on disk.
 *
 * A failing group is retried one submission at a time, so that one bad write fails only its own
 * request and never its neighbours'.
 *
 * @example
 * const committer = new GroupCommitter<Row[]>((groups) => db.transaction().execute(async (trx) => {
 *   for (const rows of groups) await insert(trx, rows);
 * }));
 * await committer.submit(rows); // durable from here on
 */
export class GroupCommitter<T> {
  private pending: Array<Pending<T>> = [];
  private pendingSize = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions<T> = {},
  ) {}

  /** Queues `item` for the next group; resolves once it is committed, rejects if it is not. */
  submit(item: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('GroupCommitter is closed'));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pendingSize += this.options.sizeOf?.(item) ?? 1;
      this.schedule();
    });
  }

  /** Commits everything queued so far, then refuses new work. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.pending.length > 0 || this.inFlight.size > 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      if (this.pending.length > 0 && this.inFlight.size < this.maxInFlight) this.run();
      await Promise.race(this.inFlight);
    }
  }

  private get maxInFlight(): number {
    return this.options.maxInFlight ?? 1;
  }

  private schedule(): void {
    if (this.timer || this.pending.length === 0 || this.inFlight.size >= this.maxInFlight) return;
    if (this.pendingSize >= (this.options.maxGroupSize ?? 5000)) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.options.maxDelayMs ?? 2);
  }

  private run(): void {
    const group = this.pending;
    this.pending = [];
    this.pendingSize = 0;
    const running: Promise<void> = this.commitGroup(group).finally(() => {
      this.inFlight.delete(running);
      // What arrived while every slot was busy has waited already: no need to wait for more.
      if (this.pending.length > 0 && !this.timer && this.inFlight.size < this.maxInFlight) {
        this.run();
      }
    });
    this.inFlight.add(running);
  }

  private async commitGroup(group: Array<Pending<T>>): Promise<void> {
    if (group.length === 0) return;
    try {
      await this.commit(group.map((p) => p.item));
      for (const p of group) p.resolve();
      return;
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
    }
    for (const p of group) {
      try {
        await this.commit([p.item]);
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

export interface GroupCommitOptions<T> {
  /** How long the first write of a group waits for others to join it. Default 2 ms. */
  maxDelayMs?: number;
  /** A group this large is committed at once, without waiting. Default 5,000. */
  maxGroupSize?: number;
  /** The size of one submission, in the unit of `maxGroupSize`. Default 1. */
  sizeOf?: (item: T) => number;
  /**
   * Groups being committed at once. Default 1: a group starts once the last one is committed.
   * More lets a new group start while earlier ones wait on the disk; `commit` must then cope
   * with being called again before an earlier call has settled.
   */
  maxInFlight?: number;
}

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}
