import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import { type Database, openDatabase } from './database.js';
import { derivedTransaction } from './derived-transaction.js';

describeEachDialect('derived transactions', (dialect) => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    database = await openDatabase(test.options);
  });
  afterAll(async () => {
    await database.close();
    await test.drop();
  });

  /** How this dialect says whether a commit waits for the disk: 'synced' or 'not synced'. */
  const syncing = async (db = database.db) => {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(
        db,
      );
      return rows[0]!.synchronous_commit === 'off' ? 'not synced' : 'synced';
    }
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    return rows[0]!.synchronous === 2 ? 'synced' : 'not synced';
  };

  it('commits without waiting for the disk, and leaves every other commit synced', async () => {
    const inside = await derivedTransaction(database.db, dialect, async (trx) => {
      await trx.updateTable('ingest_journal').set({ applied_through: 7 }).execute();
      return syncing(trx);
    });
    expect(inside).toBe('not synced');
    expect(await syncing()).toBe('synced');
    const row = await database.db.selectFrom('ingest_journal').selectAll().executeTakeFirst();
    expect(Number(row?.applied_through)).toBe(7);
  });

  it('rolls back whole, and leaves commits synced after a failure too', async () => {
    await expect(
      derivedTransaction(database.db, dialect, async (trx) => {
        await trx.updateTable('ingest_journal').set({ applied_through: 9 }).execute();
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await syncing()).toBe('synced');
    const row = await database.db.selectFrom('ingest_journal').selectAll().executeTakeFirst();
    expect(Number(row?.applied_through)).toBe(7);
  });
});
