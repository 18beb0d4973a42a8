/**
 * bench/soak: a bounded mixed load on one Herald node, to catch errors and leaks that short
 * benchmarks miss. For BENCH_DURATION seconds (default 60), at once:
 *
 * - ingest: BENCH_INGEST_WORKERS (2) loops posting /v1/batch requests of 50 calls each;
 * - delivery polls: BENCH_POLL_WORKERS (4) loops polling /v1/in-app/messages for 1,000 visitors,
 *   half of the time revalidating with the ETag the visitor got last (If-None-Match → 304);
 * - open streams: BENCH_STREAMS (300) SSE connections, and every 10 s a message launch that
 *   must reach every one of them as a `refresh` hint.
 *
 * It passes when no request fails, every stream hears every launch, every acknowledged event is
 * stored after a graceful stop, and the server's RSS at the end is within 50 % of its RSS after
 * the first 10 s of load (the warmed-up working set).
 * It prints p50/p99 latency per kind of request and the RSS over time.
 *
 * Run: `npx tsc -b && npx tsx bench/soak.ts` (BENCH_DURATION=600 for a longer soak).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  journalDirectory,
  readWaitingRecords,
} from '../packages/server/src/store/ingest-journal/segments.js';
import { appliedThrough } from './support/progress.js';
import { Cleanup, sleep, startServer, stopProcess } from './support/processes.js';
import { adminClient, type AdminCall, BENCH_MASTER_KEY } from './support/admin.js';
import { StreamSwarm } from './support/streams.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 60);
const INGEST_WORKERS = Number(process.env.BENCH_INGEST_WORKERS ?? 2);
const POLL_WORKERS = Number(process.env.BENCH_POLL_WORKERS ?? 4);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 300);
const CALLS_PER_BATCH = 50;
const VISITORS = 1000;
const LAUNCH_EVERY_MS = 10_000;
/** Seconds of load after which the server's memory counts as warmed up. */
const WARM_S = 10;
const MAIN = join(import.meta.dirname, '../packages/server/dist/main.js');

type Kind = 'ingest' | 'poll 200' | 'poll 304' | 'admin launch';

class Stats {
  private readonly latencies = new Map<Kind, number[]>();
  errors: string[] = [];

  record(kind: Kind, ms: number): void {
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
  }

  fail(what: string): void {
    if (this.errors.length < 20) this.errors.push(what);
    else this.errors[19] = `… and more (last: ${what})`;
  }

  rows(): Array<{ kind: Kind; count: number; p50: number; p99: number; max: number }> {
    return [...this.latencies].map(([kind, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return {
        kind,
        count: sorted.length,
        p50: at(0.5),
        p99: at(0.99),
        max: sorted[sorted.length - 1]!,
      };
    });
  }

  count(kind: Kind): number {
    return this.latencies.get(kind)?.length ?? 0;
  }
}

/** The server's resident memory in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const dataDir = cleanup.tempDir('herald-bench-soak-');
  try {
    const herald = await startServer(
      'Herald',
      [MAIN],
      {
        HERALD_DATA_DIR: dataDir,
        HERALD_MASTER_KEY: BENCH_MASTER_KEY,
        HERALD_INGEST_RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
      },
      cleanup,
    );
    const pid = herald.child.pid!;
    const admin = adminClient(herald.url);
    const ws = (await admin('POST', '/workspaces', {
      name: 'Soak',
      inApp: { enabled: true, anonymous: true },
    })) as { id: string; writeKey: string };
    for (let i = 0; i < 10; i++) await launch(admin, ws.id, i);

    const stats = new Stats();
    const query = (visitor: number) =>
      `writeKey=${ws.writeKey}&anonymousId=soak-${visitor}&anonymousInApp=true`;
    const swarm = new StreamSwarm();
    const opening = performance.now();
    await swarm.open((i) => `${herald.url}/v1/in-app/stream?${query(i % VISITORS)}`, STREAMS, 50);
    const openMs = performance.now() - opening;
    console.log(
      `soak: ${DURATION} s on one node (SQLite): ${INGEST_WORKERS} ingest loops (${CALLS_PER_BATCH} calls a batch), ` +
        `${POLL_WORKERS} poll loops over ${VISITORS} visitors, ${swarm.size} open streams (opened in ${openMs.toFixed(0)} ms)\n`,
    );

    await sleep(2_000); // let the start-up settle before the first memory reading
    const rss: Array<[number, number]> = [[0, rssMb(pid)]];
    const started = Date.now();
    const deadline = started + DURATION * 1000;
    let acknowledgedCalls = 0;
    let launches = 0;

    const ingest = async (worker: number) => {
      const auth = `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`;
      for (let n = 0; Date.now() < deadline; n++) {
        const batch = Array.from({ length: CALLS_PER_BATCH }, (_, i) => ({
          type: i % 10 === 0 ? 'identify' : 'track',
          anonymousId: `soak-${(n * CALLS_PER_BATCH + i) % VISITORS}`,
          ...(i % 10 === 0
            ? { userId: `user-${(n + i) % 200}`, traits: { plan: 'pro' } }
            : { event: 'Soaked', properties: { n, i } }),
          messageId: `soak-${worker}-${n}-${i}`,
        }));
        await timed(stats, 'ingest', () =>
          fetch(`${herald.url}/v1/batch`, {
            method: 'POST',
            headers: { authorization: auth, 'content-type': 'text/plain' },
            body: JSON.stringify({ batch }),
          }),
        ).then((ok) => {
          if (ok) acknowledgedCalls += CALLS_PER_BATCH;
        });
      }
    };
    const etags = new Map<number, string>();
    const poll = async (worker: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const visitor = (n * 7919 + worker * 104729) % VISITORS;
        const etag = n % 2 === 0 ? etags.get(visitor) : undefined;
        await timedPoll(stats, `${herald.url}/v1/in-app/messages?${query(visitor)}`, etag, (tag) =>
          etags.set(visitor, tag),
        );
      }
    };
    const launcher = async () => {
      while (Date.now() + LAUNCH_EVERY_MS < deadline) {
        await sleep(LAUNCH_EVERY_MS);
        const t0 = performance.now();
        await launch(admin, ws.id, 100 + launches);
        stats.record('admin launch', performance.now() - t0);
        launches += 1;
      }
    };
    const sampler = async () => {
      while (Date.now() + 5_000 < deadline) {
        await sleep(5_000);
        rss.push([Math.round((Date.now() - started) / 1000), rssMb(pid)]);
      }
    };
    await Promise.all([
      ...Array.from({ length: INGEST_WORKERS }, (_, w) => ingest(w)),
      ...Array.from({ length: POLL_WORKERS }, (_, w) => poll(w)),
      launcher(),
      sampler(),
    ]);
    rss.push([Math.round((Date.now() - started) / 1000), rssMb(pid)]);

    // Every stream must have heard every launch.
    const expected = swarm.size * launches;
    const heard = await Promise.race([
      swarm.refreshes(expected).then(() => true),
      sleep(10_000).then(() => false),
    ]);
    if (!heard) stats.fail(`not every stream received the ${launches} launch hints`);
    swarm.close();

    const code = await stopProcess(herald.child, 30_000);
    if (code !== 0) stats.fail(`Herald exited with ${code} on SIGTERM`);
    const db = new SqliteDatabase(join(dataDir, 'herald.db'), { readonly: true });
    // Applied, or still waiting in the ingest journal (durable; applied at the next start).
    const waiting = readWaitingRecords(journalDirectory(dataDir), appliedThrough(db));
    const stored =
      (
        db.prepare("SELECT count(*) AS n FROM events WHERE type IN ('track','identify')").get() as {
          n: number;
        }
      ).n + waiting.reduce((sum, r) => sum + r.items, 0);
    db.close();
    if (stored < acknowledgedCalls)
      stats.fail(`${acknowledgedCalls} calls acknowledged, ${stored} stored`);

    printReport(stats, rss, { launches, streams: swarm.size, acknowledgedCalls, stored });
    // The heap grows to its working size in the first seconds of load: compare the end with the
    // reading after WARM_S seconds of load, not with the idle start.
    const warm = (rss.find(([s]) => s >= WARM_S) ?? rss[0]!)[1];
    const last = rss[rss.length - 1]![1];
    console.log(
      `RSS: ${rss[0]![1].toFixed(0)} MB idle, ${warm.toFixed(0)} MB after ${WARM_S} s of load, ${last.toFixed(0)} MB at the end`,
    );
    if (last > warm * 1.5)
      stats.fail(`RSS grew from ${warm.toFixed(0)} MB to ${last.toFixed(0)} MB`);
    if (stats.errors.length > 0) {
      console.error(`\nFAILED:\n  ${stats.errors.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log(
        '\nOK: no errors, every hint delivered, every acknowledged call stored, memory stable',
      );
    }
  } finally {
    await cleanup.run();
  }
}

/** Runs one request, records its latency; answers whether it was a 2xx. */
async function timed(stats: Stats, kind: Kind, send: () => Promise<Response>): Promise<boolean> {
  const t0 = performance.now();
  try {
    const response = await send();
    await response.arrayBuffer();
    if (!response.ok) {
      stats.fail(`${kind}: ${response.status}`);
      return false;
    }
    stats.record(kind, performance.now() - t0);
    return true;
  } catch (error) {
    stats.fail(`${kind}: ${(error as Error).message}`);
    return false;
  }
}

async function timedPoll(
  stats: Stats,
  url: string,
  etag: string | undefined,
  remember: (etag: string) => void,
) {
  const t0 = performance.now();
  try {
    const response = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {} });
    await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (response.status === 304) stats.record('poll 304', ms);
    else if (response.status === 200) stats.record('poll 200', ms);
    else return stats.fail(`poll: ${response.status}`);
    const tag = response.headers.get('etag');
    if (tag) remember(tag);
  } catch (error) {
    stats.fail(`poll: ${(error as Error).message}`);
  }
}

async function launch(admin: AdminCall, ws: string, n: number): Promise<void> {
  const message = (await admin('POST', `/workspaces/${ws}/messages`, {
    name: `Soak ${n}`,
    priority: 1 + (n % 10),
    pageRules: { include: [{ op: 'contains', value: `/page-${n % 5}` }] },
    display: { type: 'overlay', position: 'bottom-right' },
    steps: [{ name: 'main', html: `<p>Message ${n}</p><a href="herald://action/ok">OK</a>` }],
  })) as { id: string };
  await admin('POST', `/workspaces/${ws}/messages/${message.id}/launch`);
}

function printReport(
  stats: Stats,
  rss: Array<[number, number]>,
  totals: { launches: number; streams: number; acknowledgedCalls: number; stored: number },
): void {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  console.log(
    `${'kind'.padEnd(14)}${pad('requests', 10)}${pad('req/s', 8)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}`,
  );
  for (const row of stats.rows()) {
    console.log(
      `${row.kind.padEnd(14)}${pad(row.count, 10)}${pad((row.count / DURATION).toFixed(0), 8)}` +
        `${pad(row.p50.toFixed(1), 9)}${pad(row.p99.toFixed(1), 9)}${pad(row.max.toFixed(0), 9)}`,
    );
  }
  console.log(
    `\nstreams: ${totals.streams} open throughout, ${totals.launches} launches hinted to each; ` +
      `ingest: ${totals.acknowledgedCalls} calls acknowledged, ${totals.stored} stored`,
  );
  console.log(
    `server RSS (MB) by second: ${rss.map(([s, mb]) => `${s}s ${mb.toFixed(0)}`).join(', ')}`,
  );
  console.log(`errors: ${stats.errors.length}`);
}

await main();
