import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/databases.js';
import { type Database, openDatabase } from '../database.js';
import type { IngestEntry } from '../ingest-log.js';
import { JournalIngestLog } from './journal-log.js';
import { journalDirectory } from './segments.js';

/** The journal alone, over real files and a real SQLite database. */
describe('SQLite ingest journal', () => {
  let test: TestDatabase;
  let database: Database;
  let dir: string;
  const open: JournalIngestLog[] = [];

  beforeEach(async () => {
    test = await createTestDatabase('sqlite');
    database = await openDatabase(test.options);
    dir = journalDirectory(test.options.dataDir);
  });
  afterEach(async () => {
    for (const journal of open.splice(0)) await journal.close();
    await database.close();
    await test.drop();
  });

  const openJournal = async (segmentBytes?: number, retireAfterMs?: number) => {
    const journal = await JournalIngestLog.open(database.db, dir, { segmentBytes, retireAfterMs });
    open.push(journal);
    return journal;
  };
  const reopen = async (journal: JournalIngestLog, segmentBytes?: number) => {
    await journal.close();
    open.splice(open.indexOf(journal), 1);
    return openJournal(segmentBytes);
  };
  const entry = (n: number, items = 3): IngestEntry => ({
    workspaceId: 'ws_1',
    route: 'batch',
    receivedAt: 1_000 + n,
    body: JSON.stringify({ batch: [], n, text: 'é'.repeat(n) }),
    items,
  });
  /** Claims in a transaction that commits (or rolls back, with `rollBack`). */
  const claim = async (journal: JournalIngestLog, limit: number, rollBack = false) => {
    let claimed: number[] = [];
    await database.db
      .transaction()
      .execute(async (trx) => {
        const rows = await journal.claim(trx, limit);
        claimed = rows.map((r) => JSON.parse(r.body).n as number);
        await journal.remove();
        if (rollBack) throw new Error('roll back');
      })
      .catch((error: Error) => {
        if (error.message !== 'roll back') throw error;
      });
    return claimed;
  };
  const segmentFiles = () => readdirSync(dir).filter((f) => f.endsWith('.journal'));

  it('keeps appended requests across a restart until a committed claim consumes them', async () => {
    let journal = await openJournal();
    const ids = await Promise.all([1, 2, 3].map((n) => journal.append(entry(n))));
    expect(ids).toEqual([1, 2, 3]);
    expect(await journal.lag(1_010)).toMatchObject({ rows: 3, events: 9, oldestMs: 9, failed: 0 });

    journal = await reopen(journal);
    expect(await claim(journal, 2, true)).toEqual([1, 2]);
    // Rolled back: still there, for this process and the next.
    expect(await claim(journal, 2)).toEqual([1, 2]);
    expect(await journal.waiting([1, 2, 3])).toEqual(new Set([3]));

    journal = await reopen(journal);
    expect(await journal.lag()).toMatchObject({ rows: 1, events: 3 });
    expect(await journal.append(entry(4))).toBe(4);
    expect(await claim(journal, 10)).toEqual([3, 4]);
    expect(await claim(journal, 10)).toEqual([]);
    journal = await reopen(journal);
    expect(await journal.lag()).toMatchObject({ rows: 0, events: 0, oldestMs: 0 });
    expect(await journal.append(entry(5))).toBe(5);
  });

  it('cuts off a record a crash left half written, and appends after the last whole one', async () => {
    let journal = await openJournal();
    for (const n of [1, 2]) await journal.append(entry(n));
    await journal.close();
    open.splice(0);
    const file = join(dir, segmentFiles()[0]!);
    const whole = statSync(file).size;
    appendFileSync(file, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34]));

    journal = await openJournal();
    expect(statSync(file).size).toBe(whole);
    expect(await journal.append(entry(3))).toBe(3);
    expect(await claim(journal, 10)).toEqual([1, 2, 3]);
  });

  it('starts new segments and deletes the ones fully applied', async () => {
    // One byte: every append starts a segment of its own.
    let journal = await openJournal(1);
    for (let n = 1; n <= 6; n++) await journal.append(entry(n));
    expect(segmentFiles().length).toBe(6);
    expect(await claim(journal, 4)).toEqual([1, 2, 3, 4]);
    await journal.lag();
    await expect.poll(() => segmentFiles().length).toBe(2);
    journal = await reopen(journal, 1);
    expect(await claim(journal, 10)).toEqual([5, 6]);
    await journal.lag();
    // The last segment stays (while young): appends go on in it.
    await expect.poll(segmentFiles).toEqual(['0000000000000006.journal']);
    expect(await journal.append(entry(7))).toBe(7);
  });

  it('deletes the last segment of a quiet journal once it is applied: no request outlives that', async () => {
    const journal = await openJournal(undefined, 0);
    for (const n of [1, 2]) await journal.append(entry(n));
    expect(await claim(journal, 1)).toEqual([1]);
    await journal.lag();
    expect(segmentFiles().length).toBe(1);
    expect(await claim(journal, 1)).toEqual([2]);
    await journal.lag();
    await expect.poll(segmentFiles).toEqual([]);
    // The next append starts a new segment, and ids go on growing, also after a restart.
    expect(await journal.append(entry(3))).toBe(3);
    expect(segmentFiles()).toEqual(['0000000000000003.journal']);
    expect(await claim(journal, 1)).toEqual([3]);
    const again = await reopen(journal);
    expect(await again.append(entry(4))).toBe(4);
  });

  it('sets a request aside in the ingest_log table, out of the way of the others', async () => {
    const journal = await openJournal();
    for (const n of [1, 2, 3]) await journal.append(entry(n));
    await database.db.transaction().execute(async (trx) => {
      await journal.markFailed(trx, 1, 'unreadable', 5);
    });
    await expect(
      database.db.transaction().execute((trx) => journal.markFailed(trx, 3, 'skips 2', 5)),
    ).rejects.toThrow(/oldest first/);
    expect(await journal.lag()).toMatchObject({ rows: 2, failed: 1 });
    const kept = await database.db.selectFrom('ingest_log').selectAll().execute();
    expect(kept).toMatchObject([{ body: entry(1).body, error: 'unreadable', item_count: 3 }]);
    expect(await claim(journal, 10)).toEqual([2, 3]);
  });

  it('hands out exactly the oldest requests when asked for ids', async () => {
    const journal = await openJournal();
    for (const n of [1, 2]) await journal.append(entry(n));
    await expect(
      database.db.transaction().execute((trx) => journal.claim(trx, 1, [2])),
    ).rejects.toThrow(/oldest first/);
    const rows = await database.db.transaction().execute((trx) => journal.claim(trx, 1, [1]));
    expect(rows.map((r) => r.id)).toEqual([1]);
  });

  it('serves one process: a second open is refused, a dead holder is taken over', async () => {
    const journal = await openJournal();
    await expect(JournalIngestLog.open(database.db, dir)).rejects.toThrow(
      /in use by another Herald process .* PostgreSQL/,
    );
    await journal.close();
    open.splice(0);
    // A LOCK left by a process that is gone (pids stay below 2^22 on Linux).
    writeFileSync(join(dir, 'LOCK'), '4194999\n');
    await (await openJournal()).close();
    open.splice(0);
    // Or whose pid now belongs to another program.
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'LOCK'), `${other.pid}\n`);
      await openJournal();
    } finally {
      other.kill();
    }
  });

  it('moves requests an older Herald left in the ingest_log table, once', async () => {
    const legacy = [entry(1), entry(2)].map((e) => ({
      workspace_id: e.workspaceId,
      route: e.route,
      received_at: e.receivedAt,
      body: e.body,
      item_count: e.items,
      error: null,
      failed_at: null,
    }));
    await database.db.insertInto('ingest_log').values(legacy).execute();
    let journal = await openJournal();
    expect(await journal.lag()).toMatchObject({ rows: 2, events: 6 });
    expect(await database.db.selectFrom('ingest_log').selectAll().execute()).toEqual([]);

    // A crash after the move but before the delete: the rows are back; they are not moved twice.
    await journal.close();
    open.splice(0);
    await database.db
      .insertInto('ingest_log')
      .values(legacy.map((row, i) => ({ ...row, id: i + 1 })))
      .execute();
    journal = await openJournal();
    expect(await journal.lag()).toMatchObject({ rows: 2, events: 6 });
    expect(await claim(journal, 10)).toEqual([1, 2]);
    expect(await database.db.selectFrom('ingest_log').selectAll().execute()).toEqual([]);
  });

  it('refuses to start on a damaged segment that is not the last', async () => {
    const journal = await openJournal(1);
    for (const n of [1, 2]) await journal.append(entry(n));
    await journal.close();
    open.splice(0);
    const [oldest] = segmentFiles();
    const file = join(dir, oldest!);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.at(-1)! ^ 0xff, bytes.length - 1);
    writeFileSync(file, bytes);
    await expect(JournalIngestLog.open(database.db, dir, { segmentBytes: 1 })).rejects.toThrow(
      /is damaged at byte 0/,
    );
  });
});
