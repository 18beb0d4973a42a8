import { GroupCommitter } from './group-commit.js';
/**
 * The `ingest_log` table. Appends go through a group committer: concurrent requests share one
 * transaction and one durable commit, and each append resolves only once committed, so a 200
 * is only sent for a request that is on disk.
 */
export class IngestLog {
    db;
    dialect;
    committer;
    listeners = [];
    constructor(db, dialect) {
        this.db = db;
        this.dialect = dialect;
        this.committer = new GroupCommitter((group) => this.commit(group), {
            sizeOf: (p) => p.entry.items,
        });
    }
    /** Resolves with the row's id once it is committed. */
    async append(entry) {
        const pending = { entry };
        await this.committer.submit(pending);
        const id = pending.id;
        for (const listener of this.listeners)
            listener(id);
        return id;
    }
    /** Calls `fn` with the id of every row this node appends, once committed; answers an unsubscribe. */
    onAppend(fn) {
        this.listeners.push(fn);
        return () => {
            const at = this.listeners.indexOf(fn);
            if (at >= 0)
                this.listeners.splice(at, 1);
        };
    }
    /**
     * The oldest waiting rows, in order, for the caller's transaction to process and delete. On
     * PostgreSQL they stay locked until that transaction ends and other nodes skip them.
     */
    async claim(trx, limit, ids) {
        let query = trx
            .selectFrom('ingest_log')
            .select(['id', 'workspace_id', 'route', 'received_at', 'body', 'item_count'])
            .where('error', 'is', null);
        if (ids)
            query = query.where('id', 'in', ids);
        query = query.orderBy('id').limit(limit);
        if (this.dialect === 'postgres')
            query = query.forUpdate().skipLocked();
        const rows = await query.execute();
        return rows.map((r) => ({
            id: r.id,
            workspaceId: r.workspace_id,
            route: r.route,
            receivedAt: r.received_at,
            body: r.body,
            items: r.item_count,
        }));
    }
    /** Deletes processed rows, in the transaction that applied them. */
    async remove(trx, ids) {
        if (ids.length > 0)
            await trx.deleteFrom('ingest_log').where('id', 'in', ids).execute();
    }
    /** Sets a row aside with the reason: it stays in the table for an operator, out of the way. */
    async markFailed(trx, id, error, at) {
        await trx
            .updateTable('ingest_log')
            .set({ error: error.slice(0, 2000), failed_at: at })
            .where('id', '=', id)
            .execute();
    }
    /** Which of `ids` still wait to be processed (by any node). */
    async waiting(ids) {
        const found = new Set();
        for (let i = 0; i < ids.length; i += 1000) {
            const rows = await this.db
                .selectFrom('ingest_log')
                .select('id')
                .where('id', 'in', ids.slice(i, i + 1000))
                .where('error', 'is', null)
                .execute();
            for (const row of rows)
                found.add(row.id);
        }
        return found;
    }
    async lag(now = Date.now()) {
        const row = await this.db
            .selectFrom('ingest_log')
            .select((eb) => [
            eb.fn.countAll().filterWhere('error', 'is', null).as('rows'),
            eb.fn
                .sum('item_count')
                .filterWhere('error', 'is', null)
                .as('events'),
            eb.fn.min('received_at').filterWhere('error', 'is', null).as('oldest'),
            eb.fn.countAll().filterWhere('error', 'is not', null).as('failed'),
        ])
            .executeTakeFirstOrThrow();
        const oldest = row.oldest === null ? null : Number(row.oldest);
        return {
            rows: Number(row.rows),
            events: Number(row.events ?? 0),
            oldestMs: oldest === null ? 0 : Math.max(0, now - oldest),
            failed: Number(row.failed),
        };
    }
    /** Commits what is queued and stops taking appends. */
    close() {
        return this.committer.close();
    }
    async commit(group) {
        if (!globalThis.__jfh) { const fs = await import('node:fs/promises'); globalThis.__jfh = await fs.open('/tmp/journal-exp.log', 'a'); globalThis.__jid = 0; }
        const bufs = group.map((p) => Buffer.from(p.entry.body));
        await globalThis.__jfh.write(Buffer.concat(bufs));
        await globalThis.__jfh.datasync();
        for (const p of group) p.id = ++globalThis.__jid;
    }
}
//# sourceMappingURL=ingest-log.js.map