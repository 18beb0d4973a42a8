import { sql } from 'kysely';
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Weeks start on Monday 00:00 UTC: 1970-01-05 was the first Monday after the epoch. */
const MONDAY = 4 * DAY;
/** Partitions kept ready ahead of the current week. */
const WEEKS_AHEAD = 2;
/** Rows one retention DELETE takes: short transactions, so ingest never waits long. */
const BATCH = 5000;
/** Any key, the same on every node: only the node holding it maintains. */
const ADVISORY_LOCK = 0x48_52_4c_44; // "HRLD"
/** DDL waits at most this long for its lock, then gives up until the next run. */
const LOCK_TIMEOUT = '5s';
/** The Monday 00:00 UTC at or before `at`. */
export function weekStart(at) {
    return Math.floor((at - MONDAY) / WEEK) * WEEK + MONDAY;
}
/** `events_w20260105` for the week starting 2026-01-05. */
export function partitionName(start) {
    return `events_w${new Date(start).toISOString().slice(0, 10).replaceAll('-', '')}`;
}
/**
 * Storage upkeep on a timer: on PostgreSQL, creates the coming weeks' `events` partitions and
 * drops those past retention (under an advisory lock, so that one node of many does it); on
 * SQLite, deletes expired events in batches. Runs once at start, then every `intervalMs`.
 *
 * @example
 * const maintenance = new Maintenance(store.database, { retentionDays: 90 });
 * maintenance.start();
 */
export class Maintenance {
    database;
    options;
    timer;
    running;
    stopped = false;
    constructor(database, options) {
        this.database = database;
        this.options = options;
    }
    start() {
        const tick = () => {
            if (this.stopped || this.running)
                return;
            this.running = this.run()
                .then((report) => {
                if (report.created.length + report.dropped.length + report.deleted > 0) {
                    this.options.logger?.info({ maintenance: report }, 'storage maintenance done');
                }
            })
                .catch((error) => this.options.logger?.error({ err: error }, 'storage maintenance failed; retried later'))
                .finally(() => (this.running = undefined));
        };
        tick();
        this.timer = setInterval(tick, this.options.intervalMs ?? 3_600_000);
        this.timer.unref();
    }
    /** Stops the timer and waits for a run under way (each batch is short). */
    async stop() {
        this.stopped = true;
        clearInterval(this.timer);
        await this.running;
    }
    /** One run, now. */
    async run(now = Date.now()) {
        const cutoff = this.options.retentionDays > 0 ? now - this.options.retentionDays * DAY : null;
        if (this.database.dialect === 'sqlite') {
            const deleted = cutoff === null ? 0 : await this.expireSqlite(cutoff);
            return { created: [], dropped: [], deleted, ran: true };
        }
        // Advisory locks belong to a session: the whole run stays on one pooled connection.
        return this.database.db.connection().execute(async (db) => {
            const { rows } = await sql `
        select pg_try_advisory_lock(${ADVISORY_LOCK}) as locked`.execute(db);
            if (!rows[0]?.locked)
                return { created: [], dropped: [], deleted: 0, ran: false };
            try {
                const created = await ensurePartitions(db, now);
                const report = { created, dropped: [], deleted: 0, ran: true };
                if (cutoff !== null)
                    Object.assign(report, await expirePostgres(db, cutoff, this));
                return report;
            }
            finally {
                await sql `select pg_advisory_unlock(${ADVISORY_LOCK})`.execute(db);
            }
        });
    }
    get isStopped() {
        return this.stopped;
    }
    /**
     * Deletes events received before `cutoff`, oldest ids first, a window of ids at a time. Ids
     * grow with arrival, so expired rows sit at the low end: the run stops at the first window
     * with nothing to delete instead of scanning the table (a row processed very late may outlive
     * its retention by a run or two).
     */
    async expireSqlite(cutoff) {
        const { db } = this.database;
        let deleted = 0;
        while (!this.stopped) {
            const low = await db
                .selectFrom('events')
                .select((eb) => eb.fn.min('id').as('id'))
                .executeTakeFirst();
            if (low?.id == null)
                break;
            const result = await db
                .deleteFrom('events')
                .where('id', '<', low.id + BATCH)
                .where('received_at', '<', cutoff)
                .executeTakeFirst();
            const n = Number(result.numDeletedRows);
            if (n === 0)
                break;
            deleted += n;
            // Let the requests queued behind this batch through before the next one.
            await new Promise((resolve) => setImmediate(resolve));
        }
        return deleted;
    }
}
/** Creates this week's partition and the next ones when missing; answers those it created. */
export async function ensurePartitions(db, now) {
    const existing = new Set((await partitions(db)).map((p) => p.name));
    const created = [];
    for (let week = 0; week <= WEEKS_AHEAD; week++) {
        const start = weekStart(now) + week * WEEK;
        const name = partitionName(start);
        if (existing.has(name))
            continue;
        await createPartition(db, name, start, start + WEEK);
        created.push(name);
    }
    return created;
}
/**
 * Creates a partition without blocking ingest: build it detached, move in any rows the default
 * partition caught for its week, then ATTACH (which locks `events` only in SHARE UPDATE
 * EXCLUSIVE mode, where CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE).
 */
async function createPartition(db, name, from, to) {
    const table = sql.table(name);
    await db.transaction().execute(async (trx) => {
        await sql `set local lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(trx);
        await sql `create table ${table} (like events including defaults)`.execute(trx);
        // The check lets ATTACH skip scanning the new table for rows outside the range.
        await sql `alter table ${table} add constraint ${sql.ref(`${name}_range`)}
      check (received_at >= ${sql.lit(from)} and received_at < ${sql.lit(to)})`.execute(trx);
        await sql `with moved as (
        delete from events_default
        where received_at >= ${sql.lit(from)} and received_at < ${sql.lit(to)} returning *)
      insert into ${table} select * from moved`.execute(trx);
        await sql `alter table events attach partition ${table}
      for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
    });
}
/** The weekly partitions of `events`, oldest first. */
export async function partitions(db) {
    const { rows } = await sql `
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'events'::regclass`.execute(db);
    return rows
        .map((r) => /^events_w(\d{4})(\d{2})(\d{2})$/.exec(r.name))
        .filter((m) => m !== null)
        .map((m) => ({ name: m[0], start: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) }))
        .sort((a, b) => a.start - b.start);
}
/**
 * Drops the partitions whose whole week is older than `cutoff`, and deletes what expired in the
 * default partition and in `event_ids` (in batches). A partition still holding newer rows stays
 * until its whole week has expired: retention is at least, never less than, the days set.
 */
async function expirePostgres(db, cutoff, control) {
    const dropped = [];
    for (const partition of await partitions(db)) {
        if (partition.start + WEEK > cutoff)
            break;
        await db.transaction().execute(async (trx) => {
            await sql `set local lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(trx);
            await sql `drop table ${sql.table(partition.name)}`.execute(trx);
        });
        dropped.push(partition.name);
    }
    let deleted = 0;
    for (const table of ['events_default', 'event_ids']) {
        while (!control.isStopped) {
            // ctid batches: PostgreSQL's DELETE has no LIMIT.
            const result = await sql `delete from ${sql.table(table)} where ctid = any(array(
          select ctid from ${sql.table(table)} where received_at < ${cutoff} limit ${BATCH}))`.execute(db);
            const n = Number(result.numAffectedRows ?? 0);
            deleted += n;
            if (n < BATCH)
                break;
        }
    }
    return { dropped, deleted };
}
//# sourceMappingURL=maintenance.js.map