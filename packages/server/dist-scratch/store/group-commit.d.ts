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
export declare class GroupCommitter<T> {
    private readonly commit;
    private readonly options;
    private pending;
    private pendingSize;
    private timer;
    private running;
    private closed;
    constructor(commit: (items: T[]) => Promise<void>, options?: GroupCommitOptions<T>);
    /** Queues `item` for the next group; resolves once it is committed, rejects if it is not. */
    submit(item: T): Promise<void>;
    /** Commits everything queued so far, then refuses new work. */
    close(): Promise<void>;
    private schedule;
    private run;
    private commitGroup;
}
export interface GroupCommitOptions<T> {
    /** How long the first write of a group waits for others to join it. Default 2 ms. */
    maxDelayMs?: number;
    /** A group this large is committed at once, without waiting. Default 5,000. */
    maxGroupSize?: number;
    /** The size of one submission, in the unit of `maxGroupSize`. Default 1. */
    sizeOf?: (item: T) => number;
}
//# sourceMappingURL=group-commit.d.ts.map