import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import { openStore, type Store } from './index.js';
import type { IngestEntry } from './ingest-log.js';

/**
 * The ingest log's contract, the same on both dialects (SQLite's journal files, PostgreSQL's
 * table): what is appended is read back exactly, oldest first.
 */
describeEachDialect('ingest log', (dialect) => {
  let database: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  const entry = (workspaceId: string, text: string, withBytes: boolean): IngestEntry => ({
    workspaceId,
    route: 'batch',
    receivedAt: Date.now(),
    body: text,
    ...(withBytes ? { bytes: Buffer.from(text, 'utf8') } : {}),
    items: 1,
  });

  it('gives back concurrent appends byte for byte, each under its own id', async () => {
    const ws = (await store.workspaces.create('Log')).id;
    const bodies = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ batch: [{ type: 'track', event: `Café ☕ ${i}`, properties: { n: i } }] }),
    );
    // Concurrent, as requests are: they share group commits.
    const ids = await Promise.all(
      bodies.map((body, i) => store.ingestLog.append(entry(ws, body, i % 2 === 0))),
    );
    expect(new Set(ids).size).toBe(ids.length);
    // An append made after another was acknowledged comes after it.
    const later = await store.ingestLog.append(entry(ws, '{"batch":[]}', true));
    expect(later).toBeGreaterThan(Math.max(...ids));

    const read = await store.database.db
      .transaction()
      .execute((trx) => store.ingestLog.claim(trx, 100));
    expect(read.map((r) => r.id)).toEqual([...ids, later].sort((a, b) => a - b));
    const byId = new Map(read.map((r) => [r.id, r.body]));
    expect(ids.map((id) => byId.get(id))).toEqual(bodies);
  });
});
