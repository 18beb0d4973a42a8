import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import type { IngestEntry } from '../store/ingest-log.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import { IngestProcessor } from './processor.js';

/**
 * The ingest log across crashes and nodes, at the store level: requests are appended as the ack
 * path does, and processors are started (or not) by hand.
 */
describeEachDialect('ingest log recovery', (dialect) => {
  let database: TestDatabase;
  const opened: Array<{ store: Store; processors: IngestProcessor[] }> = [];

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    for (const { store, processors } of opened.splice(0)) {
      for (const processor of processors) await processor.stop();
      await store.close();
    }
    await database.drop();
  });

  const open = async () => {
    const entry = { store: await openStore(database.options), processors: [] as IngestProcessor[] };
    opened.push(entry);
    return entry;
  };
  const processorOf = (entry: { store: Store; processors: IngestProcessor[] }, maxRows = 64) => {
    const processor = new IngestProcessor(entry.store, { maxRows });
    entry.processors.push(processor);
    return processor;
  };
  /** A batch of `size` track calls without messageIds: applied twice, they would be stored twice. */
  const batch = (workspaceId: string, n: number, size = 10): IngestEntry => ({
    workspaceId,
    route: 'batch',
    receivedAt: Date.now(),
    items: size,
    body: JSON.stringify({
      writeKey: 'wk_ignored',
      batch: Array.from({ length: size }, () => ({
        type: 'track',
        anonymousId: `visitor-${n}`,
        event: 'Loaded',
      })),
    }),
  });
  const countEvents = async (store: Store) =>
    Number(
      (
        await store.database.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loses and doubles nothing when the process dies between append and processing', async () => {
    const first = await open();
    const ws = (await first.store.workspaces.create('Crash')).id;
    for (let n = 0; n < 5; n++) await first.store.ingestLog.append(batch(ws, n));
    // "Crash": the appends are committed, nothing processed them.
    await first.store.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await open();
    expect(await countEvents(second.store)).toBe(0);
    expect(await second.store.ingestLog.lag()).toMatchObject({ rows: 5, events: 50 });
    const processor = processorOf(second);
    processor.start();
    await processor.drain();
    expect(await countEvents(second.store)).toBe(50);
    expect(await processor.lag()).toMatchObject({ rows: 0, events: 0, oldestMs: 0 });
    await processor.stop();
    await second.store.close();
    opened.splice(opened.indexOf(second), 1);

    // A third start finds nothing left to apply.
    const third = await open();
    const again = processorOf(third);
    again.start();
    await again.drain();
    expect(await countEvents(third.store)).toBe(50);
  });

  it('times events by when the request was received, not processed', async () => {
    const { store, processors } = await open();
    const ws = (await store.workspaces.create('Skew')).id;
    const receivedAt = Date.parse('2026-03-01T12:00:00.000Z');
    await store.ingestLog.append({
      workspaceId: ws,
      route: 'track',
      receivedAt,
      items: 1,
      body: JSON.stringify({
        anonymousId: 'skew',
        event: 'Clicked',
        timestamp: '2030-01-01T00:00:00.000Z',
        sentAt: '2030-01-01T00:00:02.000Z',
      }),
    });
    const processor = new IngestProcessor(store);
    processors.push(processor);
    processor.start();
    await processor.drain();
    const row = await store.database.db
      .selectFrom('events')
      .select(['received_at', 'timestamp'])
      .where('workspace_id', '=', ws)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ received_at: receivedAt, timestamp: receivedAt - 2000 });
  });

  it('sets an unreadable row aside with its error, and goes on with the others', async () => {
    const entry = await open();
    const ws = (await entry.store.workspaces.create('Bad row')).id;
    const processor = processorOf(entry);
    processor.start();
    await entry.store.ingestLog.append({ ...batch(ws, 0), body: '{"batch": 5}' });
    await entry.store.ingestLog.append(batch(ws, 1));
    await processor.settled();
    expect(await countEvents(entry.store)).toBe(10);
    expect(await processor.lag()).toMatchObject({ rows: 0, failed: 1 });
    const kept = await entry.store.database.db
      .selectFrom('ingest_log')
      .select(['body', 'error'])
      .executeTakeFirstOrThrow();
    expect(kept.body).toBe('{"batch": 5}');
    expect(kept.error).toContain('batch');
  });

  if (dialect === 'postgres') {
    it('never lets two nodes apply the same row', async () => {
      const nodes = [await open(), await open()];
      const ws = (await nodes[0]!.store.workspaces.create('Two nodes')).id;
      // Small transactions, so that the two processors interleave over the log.
      const processors = nodes.map((node) => processorOf(node, 2));
      for (const processor of processors) processor.start();
      await Promise.all(
        Array.from({ length: 40 }, (_, n) => nodes[n % 2]!.store.ingestLog.append(batch(ws, n))),
      );
      await Promise.all(processors.map((p) => p.settled()));
      expect(await countEvents(nodes[0]!.store)).toBe(400);
      expect(await processors[0]!.lag()).toMatchObject({ rows: 0, failed: 0 });
    });
  }
});
