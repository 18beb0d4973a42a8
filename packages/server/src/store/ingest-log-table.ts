import { type Kysely, sql } from 'kysely';
import type { DialectName } from './dialect.js';
import { GroupCommitter } from './group-commit.js';
import {
  AppendListeners,
  type IngestEntry,
  type IngestLag,
  type IngestLog,
  type LoggedRequest,
} from './ingest-log.js';
import type { Schema } from './schema.js';

interface Pending {
  entry: IngestEntry;
  id?: number;
}

/**
 * The ingest log as the `ingest_log` table, shared by every node on PostgreSQL (rows are claimed
 * with `FOR UPDATE SKIP LOCKED`). Appends go through a group committer: concurrent requests share
 * one transaction and one durable commit, and each append resolves only once committed, so a 200
 * is only sent for a request that is on disk.
 */
export class TableIngestLog implements IngestLog {
  private readonly committer: GroupCommitter<Pending>;
  private readonly listeners = new AppendListeners();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {
    this.committer = new GroupCommitter((group) => this.commit(group), {
      sizeOf: (p) => p.entry.items,
      maxInFlight: 8,
    });
  }

  /** Resolves with the row's id once it is committed. */
  async append(entry: IngestEntry): Promise<number> {
    const pending: Pending = { entry };
    await this.committer.submit(pending);
    const id = pending.id!;
    this.listeners.notify(id);
    return id;
  }

  onAppend(fn: (id: number) => void): () => void {
    return this.listeners.add(fn);
  }

  /**
   * The oldest waiting rows, in order, for the caller's transaction to process and delete. On
   * PostgreSQL they stay locked until that transaction ends and other nodes skip them.
   */
  async claim(trx: Kysely<Schema>, limit: number, ids?: number[]): Promise<LoggedRequest[]> {
    let query = trx
      .selectFrom('ingest_log')
      .select(['id', 'workspace_id', 'route', 'received_at', 'body', 'item_count'])
      .where('error', 'is', null);
    if (ids) query = query.where('id', 'in', ids);
    query = query.orderBy('id').limit(limit);
    if (this.dialect === 'postgres') query = query.forUpdate().skipLocked();
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
  async remove(trx: Kysely<Schema>, ids: number[]): Promise<void> {
    if (ids.length > 0) await trx.deleteFrom('ingest_log').where('id', 'in', ids).execute();
  }

  /** Sets a row aside with the reason: it stays in the table for an operator, out of the way. */
  async markFailed(trx: Kysely<Schema>, id: number, error: string, at: number): Promise<void> {
    await trx
      .updateTable('ingest_log')
      .set({ error: error.slice(0, 2000), failed_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** Which of `ids` still wait to be processed (by any node). */
  async waiting(ids: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await this.db
        .selectFrom('ingest_log')
        .select('id')
        .where('id', 'in', ids.slice(i, i + 1000))
        .where('error', 'is', null)
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  async lag(now = Date.now()): Promise<IngestLag> {
    const row = await this.db
      .selectFrom('ingest_log')
      .select((eb) => [
        eb.fn.countAll<number | string>().filterWhere('error', 'is', null).as('rows'),
        eb.fn
          .sum<number | string | null>('item_count')
          .filterWhere('error', 'is', null)
          .as('events'),
        eb.fn.min<number | null>('received_at').filterWhere('error', 'is', null).as('oldest'),
        eb.fn.countAll<number | string>().filterWhere('error', 'is not', null).as('failed'),
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
  close(): Promise<void> {
    return this.committer.close();
  }

  /**
   * One group in one statement, one round trip, whatever its size. RETURNING does not promise the
   * order of a multi-row insert, so each row's id is drawn next to its place in the group (the
   * `numbered` CTE, evaluated once: it calls a volatile function) and the statement answers that
   * pairing. One statement is atomic on its own: no BEGIN/COMMIT round trips.
   */
  private async commit(group: Pending[]): Promise<void> {
    const rows = group.map(
      ({ entry }, i) =>
        // The bytes as received, when at hand: the driver sends them as they are, where the text
        // would be encoded to UTF-8 again (PostgreSQL checks the encoding either way).
        sql`(${i}::int, ${entry.workspaceId}::text, ${entry.route}::text,
          ${entry.receivedAt}::bigint, ${entry.bytes ?? entry.body}::text, ${entry.items}::int)`,
    );
    const result = await sql<{ id: number; place: number }>`
      with input (place, workspace_id, route, received_at, body, item_count) as (
        values ${sql.join(rows)}
      ),
      numbered as (
        select nextval(pg_get_serial_sequence('ingest_log', 'id')) as id, place from input
      ),
      inserted as (
        insert into ingest_log (id, workspace_id, route, received_at, body, item_count)
        select numbered.id, input.workspace_id, input.route, input.received_at, input.body,
          input.item_count
        from numbered join input using (place)
      )
      select id, place from numbered`.execute(this.db);
    for (const row of result.rows) group[row.place]!.id = Number(row.id);
  }
}
