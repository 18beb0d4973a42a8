import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../test-support/databases.js';
import {
  killServerProcess,
  LONG_TESTS,
  openDirectReader,
  serverBuilt,
  type ServerProcess,
  startServerProcess,
} from '../test-support/server-process.js';

/**
 * Durability across crashes: writers send tracking requests while the server process is killed
 * with SIGKILL, again and again. After each restart, once the ingest log has drained, every call
 * that was acknowledged (2xx) is in `events` exactly once, and no call is there twice (answered
 * or not: a request is sent once and never retried here, so twice can only be a double apply).
 *
 * Half the requests carry messageIds (the dedupe key) and half do not, so a row of the ingest log
 * applied twice shows as a duplicate instead of being absorbed by dedupe. Calls are recognised
 * by `properties.tag`. Kill times come from a seeded generator, so a failing run can be replayed
 * with HERALD_DURABILITY_SEED.
 */
const ROUNDS = LONG_TESTS ? 30 : 5;
const WRITERS = 4;
const CALLS_PER_BATCH = 20;
const MASTER_KEY = 'durability-master-key-0123456789';
const SEED = Number(process.env.HERALD_DURABILITY_SEED ?? 20260501);

/** A small seeded PRNG (mulberry32): kill delays are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const describeBuilt = serverBuilt
  ? describeEachDialect
  : (title: string, body: (dialect: 'sqlite') => void) =>
      describe.skip(`${title} (skipped: run npm run build first)`, () => body('sqlite'));

describeBuilt('durability under SIGKILL', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    if (server) await killServerProcess(server);
    await database?.drop();
  });

  const start = () =>
    startServerProcess(database, {
      HERALD_MASTER_KEY: MASTER_KEY,
      HERALD_INGEST_RATE_LIMIT: '0',
    });

  /** Waits until no request waits in the ingest log; answers the tags of every stored call. */
  const drainedTags = async (workspaceId: string): Promise<{ tags: string[]; failed: number }> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reader = await openDirectReader(database);
      try {
        const pending = await reader.waitingRequests();
        const [log] = await reader.query<{ failed: number | string }>(
          'SELECT count(*) AS failed FROM ingest_log WHERE failed_at IS NOT NULL',
        );
        if (pending === 0) {
          const rows = await reader.query<{ properties: string | null }>(
            'SELECT properties FROM events WHERE workspace_id = ?',
            [workspaceId],
          );
          const tags = rows.map((r) => String(JSON.parse(r.properties ?? '{}').tag));
          return { tags, failed: Number(log!.failed) };
        }
      } finally {
        await reader.close();
      }
      if (Date.now() > deadline) throw new Error('the ingest log did not drain in 15 s');
      await sleep(50);
    }
  };

  it(
    `keeps every acknowledged call exactly once across ${ROUNDS} kills`,
    { timeout: LONG_TESTS ? 600_000 : 60_000 },
    async () => {
      const next = random(SEED + (dialect === 'postgres' ? 1 : 0));
      server = await start();
      const created = await fetch(`${server.url}/api/v1/workspaces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Durability' }),
      });
      expect(created.status).toBe(201);
      const { id: workspaceId, writeKey } = (await created.json()) as {
        id: string;
        writeKey: string;
      };
      const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

      const acknowledged = new Set<string>();
      const sent = new Set<string>();
      let answeredOther = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const current = server;
        let killed = false;
        let firstAck: () => void = () => {};
        const acked = new Promise<void>((resolve) => (firstAck = resolve));

        const writer = async (w: number) => {
          for (let seq = 0; !killed; seq++) {
            const single = w === 0; // one writer sends single /v1/track calls
            const size = single ? 1 : CALLS_PER_BATCH;
            const withIds = seq % 2 === 0;
            const tags = Array.from({ length: size }, (_, i) => `r${round}.w${w}.${seq}.${i}`);
            const calls = tags.map((tag) => ({
              type: 'track',
              event: 'Crash Test',
              anonymousId: `visitor-${w}-${seq % 7}`,
              properties: { tag, note: 'ünïcødé ✓' },
              ...(withIds ? { messageId: tag } : {}),
            }));
            for (const tag of tags) sent.add(tag);
            try {
              const response = await fetch(`${current.url}/v1/${single ? 'track' : 'batch'}`, {
                method: 'POST',
                headers: { authorization: auth, 'content-type': 'application/json' },
                body: JSON.stringify(single ? calls[0] : { batch: calls }),
              });
              await response.arrayBuffer();
              if (response.ok) {
                for (const tag of tags) acknowledged.add(tag);
                firstAck();
              } else {
                answeredOther += 1;
              }
            } catch {
              return; // the server is gone: what was in flight may or may not be stored
            }
          }
        };

        const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
        await acked;
        await sleep(50 + next() * 400);
        killed = true;
        await killServerProcess(current);
        await Promise.all(writers);

        server = await start();
        const { tags, failed } = await drainedTags(workspaceId);
        expect(failed, 'no logged request is set aside as unreadable').toBe(0);
        const counts = new Map<string, number>();
        for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
        const missing = [...acknowledged].filter((tag) => !counts.has(tag));
        const doubled = [...counts].filter(([, n]) => n > 1).map(([tag]) => tag);
        const unknown = [...counts.keys()].filter((tag) => !sent.has(tag));
        expect(missing, `round ${round}: acknowledged but missing`).toEqual([]);
        expect(doubled, `round ${round}: stored twice`).toEqual([]);
        expect(unknown, `round ${round}: never sent`).toEqual([]);
      }

      // Every answer was a 2xx or no answer at all (the process died mid-request).
      expect(answeredOther).toBe(0);
      expect(acknowledged.size).toBeGreaterThan(0);
      // The admin API, which waits for this node's log, agrees with the direct read: one
      // visitor's history holds each of their acknowledged calls once.
      const visitor = 'visitor-1-0';
      const seen: string[] = [];
      let before: string | null = null;
      do {
        const page = await fetch(
          `${server.url}/api/v1/workspaces/${workspaceId}/anonymous/${visitor}/activity?limit=500` +
            (before ? `&before=${encodeURIComponent(before)}` : ''),
          { headers: { authorization: `Bearer ${MASTER_KEY}` } },
        );
        expect(page.status).toBe(200);
        const body = (await page.json()) as {
          data: Array<{ properties: { tag: string } }>;
          next: string | null;
        };
        seen.push(...body.data.map((e) => e.properties.tag));
        before = body.next;
      } while (before);
      expect(new Set(seen).size).toBe(seen.length);
      const visitorTag = /^r\d+\.w1\.(\d+)\./;
      const ackedForVisitor = [...acknowledged].filter(
        (tag) => Number(visitorTag.exec(tag)?.[1] ?? 1) % 7 === 0 && visitorTag.test(tag),
      );
      expect(ackedForVisitor.length).toBeGreaterThan(0);
      expect(ackedForVisitor.filter((tag) => !seen.includes(tag))).toEqual([]);
    },
  );
});
