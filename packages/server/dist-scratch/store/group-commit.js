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
export class GroupCommitter {
    commit;
    options;
    pending = [];
    pendingSize = 0;
    timer;
    running;
    closed = false;
    constructor(commit, options = {}) {
        this.commit = commit;
        this.options = options;
    }
    /** Queues `item` for the next group; resolves once it is committed, rejects if it is not. */
    submit(item) {
        if (this.closed)
            return Promise.reject(new Error('GroupCommitter is closed'));
        return new Promise((resolve, reject) => {
            this.pending.push({ item, resolve, reject });
            this.pendingSize += this.options.sizeOf?.(item) ?? 1;
            this.schedule();
        });
    }
    /** Commits everything queued so far, then refuses new work. */
    async close() {
        this.closed = true;
        while (this.pending.length > 0 || this.running) {
            if (this.timer)
                clearTimeout(this.timer);
            this.timer = undefined;
            await (this.running ?? this.run());
        }
    }
    schedule() {
        if (this.running || this.timer)
            return;
        if (this.pendingSize >= (this.options.maxGroupSize ?? 5000)) {
            void this.run();
            return;
        }
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.run();
        }, this.options.maxDelayMs ?? 2);
    }
    run() {
        const group = this.pending;
        this.pending = [];
        this.pendingSize = 0;
        this.running = this.commitGroup(group).finally(() => {
            this.running = undefined;
            if (this.pending.length > 0)
                this.schedule();
        });
        return this.running;
    }
    async commitGroup(group) {
        if (group.length === 0)
            return;
        try {
            await this.commit(group.map((p) => p.item));
            for (const p of group)
                p.resolve();
            return;
        }
        catch (error) {
            if (group.length === 1) {
                group[0].reject(error);
                return;
            }
        }
        for (const p of group) {
            try {
                await this.commit([p.item]);
                p.resolve();
            }
            catch (error) {
                p.reject(error);
            }
        }
    }
}
//# sourceMappingURL=group-commit.js.map