import { type Kysely, sql } from 'kysely';
import { GroupCommitter } from '../group-commit.js';
import {
  AppendListeners,
  type IngestEntry,
  type IngestLag,
  type IngestLog,
  type LoggedRequest,
} from '../ingest-log.js';
import type { Schema } from '../schema.js';
import { type AppendRequest, type JournalRecord, SegmentAppender } from './segment-appender.js';
import { lockDirectory, readText } from './segments.js';

export interface JournalOptions {
  /** A new segment file starts once the last one holds this many bytes. Default 64 MiB. */
  segmentBytes?: number;
  /**
   * The last segment, once every record in it is applied and it is this old (ms), is deleted
   * too (the next append starts a new one): requests as received, with personal data, do not
   * outlive their processing by more than this on a quiet site. Default 10,000.
   */
  retireAfterMs?: number;
}

interface Pending extends AppendRequest {
  id?: number;
}

/**
 * The ingest log on SQLite: an append-only journal of files beside the database
 * (`<dataDir>/ingest/`). An append is written with the appends of concurrent requests and made
 * durable with one `fdatasync`, both off the main thread, so acknowledging never blocks on the
 * disk. (SQLite can only commit synchronously: logging 70 KB bodies in it held the thread in
 * COMMIT a third of the time.)
 *
 * What is applied is one number in the database, `ingest_journal.applied_through`: the processor
 * takes requests oldest first and {@link claim} moves the number past them in the processor's
 * own transaction, so they are consumed exactly when what they did is committed. Segments whose
 * records are all applied are deleted. A record a crash cut short was never acknowledged: it is
 * cut off at the next start. Requests set aside go to the `ingest_log` table, as on PostgreSQL.
 *
 * @example
 * const log = await JournalIngestLog.open(db, join(dataDir, 'ingest'));
 * const id = await log.append(entry); // on disk from here on
 */
export class JournalIngestLog implements IngestLog {
  private readonly committer: GroupCommitter<Pending>;
  private readonly listeners = new AppendListeners();
  private readonly appender: SegmentAppender;
  /** Records not known to be applied, in id order, from `head` on. */
  private waitingRecords: JournalRecord[] = [];
  private head = 0;
  private waitingEvents = 0;
  private appliedThrough = 0;
  /**
   * `applied_through` as known synced to disk. The processor commits without waiting for the
   * disk (store/derived-transaction.ts): a segment is deleted only once what applied it is
   * durable, or a crash of the machine could take the applying back after the segment is gone.
   */
  private durableThrough = 0;
  private syncingWatermark = false;

  private constructor(
    private readonly db: Kysely<Schema>,
    dir: string,
    private readonly release: () => void,
    options: JournalOptions,
  ) {
    this.appender = new SegmentAppender(dir, {
      segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
      retireAfterMs: options.retireAfterMs ?? 10_000,
      onDurable: (records) => {
        for (const record of records) {
          this.waitingRecords.push(record);
          this.waitingEvents += record.items;
        }
      },
    });
    // Two groups on their way to the disk at once: one gathers while the other syncs.
    this.committer = new GroupCommitter((group) => this.write(group), {
      sizeOf: (p) => p.entry.items,
      maxInFlight: 2,
    });
  }

  /** Opens the journal in `dir`: recovers what waits in it, and takes over a table log's rows. */
  static async open(
    db: Kysely<Schema>,
    dir: string,
    options: JournalOptions = {},
  ): Promise<JournalIngestLog> {
    const release = lockDirectory(dir);
    const journal = new JournalIngestLog(db, dir, release, options);
    try {
      await journal.recover();
      await journal.importTableRows();
    } catch (error) {
      journal.appender.closeFiles();
      release();
      throw error;
    }
    return journal;
  }

  async append(entry: IngestEntry): Promise<number> {
    const pending: Pending = { entry };
    await this.committer.submit(pending);
    this.listeners.notify(pending.id!);
    return pending.id!;
  }

  onAppend(fn: (id: number) => void): () => void {
    return this.listeners.add(fn);
  }

  /**
   * Must be the transaction's first use of the journal: it reads how far the log is applied
   * (committed), then marks the requests it hands out as applied, in `trx`.
   */
  async claim(trx: Kysely<Schema>, limit: number, ids?: number[]): Promise<LoggedRequest[]> {
    this.consume(await readAppliedThrough(trx));
    const wanted = ids?.filter((id) => id > this.appliedThrough);
    const count = wanted ? wanted.length : limit;
    const taken = this.waitingRecords.slice(this.head, this.head + count);
    if (wanted && taken.some((record, i) => record.id !== wanted[i])) {
      throw new Error('ingest journal: requests are applied oldest first');
    }
    if (taken.length === 0) return [];
    await writeAppliedThrough(trx, taken.at(-1)!.id);
    return taken.map((record) => ({
      id: record.id,
      workspaceId: record.workspaceId,
      route: record.route,
      receivedAt: record.receivedAt,
      items: record.items,
      body: readText(record.segment.fd, record.bodyOffset, record.bodyLength),
    }));
  }

  /** Nothing to do: {@link claim} consumed the requests in this transaction already. */
  async remove(): Promise<void> {}

  async markFailed(trx: Kysely<Schema>, id: number, error: string, at: number): Promise<void> {
    const through = await readAppliedThrough(trx);
    const index = this.waitingRecords.findIndex((r, i) => i >= this.head && r.id === id);
    const record = this.waitingRecords[index];
    if (!record) throw new Error(`ingest journal: request ${id} is not waiting`);
    if (id > through) {
      // Not claimed in this transaction: it must be the oldest still waiting.
      if (this.waitingRecords.slice(this.head, index).some((r) => r.id > through)) {
        throw new Error('ingest journal: requests are set aside oldest first');
      }
      await writeAppliedThrough(trx, id);
    }
    await trx
      .insertInto('ingest_log')
      .values({
        workspace_id: record.workspaceId,
        route: record.route,
        received_at: record.receivedAt,
        body: readText(record.segment.fd, record.bodyOffset, record.bodyLength),
        item_count: record.items,
        error: error.slice(0, 2000),
        failed_at: at,
      })
      .execute();
  }

  async waiting(ids: number[]): Promise<Set<number>> {
    this.consume(await readAppliedThrough(this.db));
    const newest = this.waitingRecords.at(-1)?.id ?? this.appliedThrough;
    return new Set(ids.filter((id) => id > this.appliedThrough && id <= newest));
  }

  async lag(now = Date.now()): Promise<IngestLag> {
    this.consume(await readAppliedThrough(this.db));
    const failed = await this.db
      .selectFrom('ingest_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('error', 'is not', null)
      .executeTakeFirstOrThrow();
    const oldest = this.waitingRecords[this.head];
    return {
      rows: this.waitingRecords.length - this.head,
      events: this.waitingEvents,
      oldestMs: oldest ? Math.max(0, now - oldest.receivedAt) : 0,
      failed: Number(failed.n),
    };
  }

  async close(): Promise<void> {
    await this.committer.close();
    this.appender.closeFiles();
    this.release();
  }

  /** Appends a group of requests with one write and one sync (see SegmentAppender). */
  private async write(group: Pending[]): Promise<void> {
    const records = await this.appender.append(group);
    for (const [i, pending] of group.entries()) pending.id = records[i]!.id;
  }

  /** Forgets what is applied through `through`, and deletes segments left with nothing to apply. */
  private consume(through: number): void {
    if (through > this.appliedThrough) {
      this.appliedThrough = through;
      const records = this.waitingRecords;
      while (this.head < records.length && records[this.head]!.id <= through) {
        this.waitingEvents -= records[this.head]!.items;
        this.head++;
      }
      if (this.head > 1024 && this.head * 2 > records.length) {
        this.waitingRecords = records.slice(this.head);
        this.head = 0;
      }
    }
    // Also when nothing new is applied: a quiet last segment retires once it is old enough.
    this.retireApplied();
  }

  /** Deletes the segments applied as far as is durable; makes more of it durable when that helps. */
  private retireApplied(): void {
    this.appender.retire(this.durableThrough);
    if (this.appliedThrough > this.durableThrough && this.appender.retirable(this.appliedThrough)) {
      void this.syncWatermark();
    }
  }

  /**
   * Makes `applied_through` durable (see {@link syncAppliedThrough}) and retires what that
   * allows. Runs once the caller's transaction is over (the connection is taken in turn).
   */
  private async syncWatermark(): Promise<void> {
    if (this.syncingWatermark) return;
    this.syncingWatermark = true;
    try {
      const through = await syncAppliedThrough(this.db);
      this.durableThrough = Math.max(this.durableThrough, through);
      this.appender.retire(this.durableThrough);
    } catch {
      // The next claim asks again.
    } finally {
      this.syncingWatermark = false;
    }
  }

  /** Reads the segments at start: what waits, and where the next append goes. */
  private async recover(): Promise<void> {
    // What a start reads may still sit in an unsynced WAL (a process crash loses nothing, a
    // machine crash could): sync it before recovery deletes segments on its word.
    this.appliedThrough = await syncAppliedThrough(this.db);
    this.durableThrough = this.appliedThrough;
    for (const record of this.appender.recover(this.appliedThrough)) {
      this.waitingRecords.push(record);
      this.waitingEvents += record.items;
    }
  }

  /**
   * Moves requests an earlier Herald left waiting in the `ingest_log` table into the journal, so
   * that an upgrade loses none. A crash between the append and the delete is caught next time
   * by the table id each moved record carries.
   */
  private async importTableRows(): Promise<void> {
    const rows = await this.db
      .selectFrom('ingest_log')
      .selectAll()
      .where('error', 'is', null)
      .orderBy('id')
      .execute();
    if (rows.length === 0) return;
    const moved = new Set(this.waitingRecords.map((r) => r.importedFrom));
    const group: Pending[] = rows
      .filter((row) => !moved.has(row.id))
      .map((row) => ({
        entry: {
          workspaceId: row.workspace_id,
          route: row.route,
          receivedAt: Number(row.received_at),
          body: row.body,
          items: row.item_count,
        },
        importedFrom: row.id,
      }));
    if (group.length > 0) await this.write(group);
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id);
      await this.db.deleteFrom('ingest_log').where('id', 'in', ids).execute();
    }
  }
}

async function readAppliedThrough(db: Kysely<Schema>): Promise<number> {
  const row = await db
    .selectFrom('ingest_journal')
    .select('applied_through')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.applied_through ?? 0);
}

/**
 * Reads `applied_through`, then makes it durable: an ordinary commit syncs SQLite's WAL, and with
 * it every commit before it (the processor's are not synced one by one).
 */
async function syncAppliedThrough(db: Kysely<Schema>): Promise<number> {
  const through = await readAppliedThrough(db);
  await db
    .updateTable('ingest_journal')
    .set({ applied_through: sql`applied_through` })
    .where('id', '=', 1)
    .execute();
  return through;
}

async function writeAppliedThrough(trx: Kysely<Schema>, through: number): Promise<void> {
  await trx
    .updateTable('ingest_journal')
    .set({ applied_through: through })
    .where('id', '=', 1)
    .execute();
}
