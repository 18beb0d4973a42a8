/**
 * bench/scale: how each cost of Herald grows with the number of people, on PostgreSQL.
 *
 * At each size (BENCH_SCALE_SIZES, default 10000,100000; the full run adds 1000000) a
 * fresh database gets a workspace with 50 active messages, 20 segments, and that many people:
 * traits, 1–50 events each, a second anonymous ID merged into every fifth person, and a view of
 * one message by everyone (the metrics query's "message with N views"). Then a Herald node on
 * that database is measured: delivery p50/p99 (identified and anonymous), ingest acknowledged
 * and applied, a segment build, the segment's count, the metrics query, a person's activity
 * page, the erasure of a person. The last table gives each figure's growth from the smallest
 * size to the largest, and EXPLAIN says which index each hot query uses.
 *
 * Loading (support/scale-load.ts): messages and segments through the admin API; the people, their
 * tracks and views inserted in bulk by PostgreSQL as the rows the store's pipeline writes for
 * the calls a tracking API client would send, with the counters and memberships they lead to
 * (support/bulk.ts). Before the sizes, BENCH_SCALE_CHECK people (default 300) are loaded both
 * ways, through the pipeline and in bulk, and every table compared: the bench stops if the bulk
 * load is not exactly what the API would have written.
 *
 * Run: `npx tsc -b && npx tsx bench/scale.ts` (BENCH_DURATION seconds per load phase, default 5).
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { adminClient, BENCH_MASTER_KEY, createPostgresDatabase } from './support/admin.js';
import { BatchFactory, EVENTS_PER_BATCH, newRunTag } from './support/events.js';
import { Cleanup, sleep, startServer } from './support/processes.js';
import { explain, type Plan } from './support/explain.js';
import { differences, readTables } from './support/scale-check.js';
import { loadScaleWorkspace } from './support/scale-load.js';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const MAIN = join(import.meta.dirname, '../packages/server/dist/main.js');
const CHECK_PEOPLE = Number(process.env.BENCH_SCALE_CHECK ?? 300);

interface Figures {
  people: number;
  events: number;
  loadSeconds: number;
  deliveryIdentified: { p50: number; p99: number };
  deliveryAnonymous: { p50: number; p99: number };
  ingestAcknowledged: number;
  ingestApplied: number;
  segmentBuildSeconds: number;
  segmentCountMs: number;
  metricsMs: number;
  activityMs: number;
  eraseMs: number;
  plans: Plan[];
}

async function measureSize(people: number): Promise<Figures> {
  const cleanup = new Cleanup();
  try {
    // BENCH_KEEP=1 keeps the last size's database, to look at its plans afterwards.
    const keep = process.env.BENCH_KEEP === '1' && people === SIZES[SIZES.length - 1];
    const databaseUrl = await createPostgresDatabase(cleanup, 'herald_scale', keep);
    if (keep) console.error(`keeping ${databaseUrl}`);
    const dataDir = cleanup.tempDir('herald-scale-');
    const started = performance.now();
    const ws = await loadScaleWorkspace(
      databaseUrl,
      dataDir,
      people,
      'bulk',
      Date.now(),
      (phase, n) =>
        console.error(
          `  ${phase}: ${n.toLocaleString('en')} people, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        ),
    );
    const { events, viewed } = ws;
    const loadSeconds = (performance.now() - started) / 1000;

    const herald = await startServer(
      'Herald',
      [MAIN],
      {
        DATABASE_URL: databaseUrl,
        HERALD_DATA_DIR: dataDir,
        HERALD_MASTER_KEY: BENCH_MASTER_KEY,
        HERALD_INGEST_RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
      },
      cleanup,
    );
    const admin = adminClient(herald.url);
    const claim = (who: string) => `writeKey=${ws.writeKey}&anonymousInApp=true&${who}`;
    const deliveryIdentified = await latency(
      `${herald.url}/v1/in-app/messages?${claim('userId=user-7&anonymousId=anon-7')}`,
    );
    const deliveryAnonymous = await latency(
      `${herald.url}/v1/in-app/messages?${claim('anonymousId=a-stranger')}`,
    );
    const { acknowledged, applied } = await ingest(herald.url, ws.writeKey, databaseUrl);

    const buildStart = performance.now();
    const built = await admin<{ id: string }>('POST', `/workspaces/${ws.id}/segments`, {
      name: 'Measured build',
      conditions: { conditions: [{ type: 'event', event: 'Event 3', atLeast: 2, withinDays: 30 }] },
    });
    for (;;) {
      const segment = await admin<{ building: boolean }>(
        'GET',
        `/workspaces/${ws.id}/segments/${built.id}`,
      );
      if (!segment.building) break;
      await sleep(200);
    }
    const segmentBuildSeconds = (performance.now() - buildStart) / 1000;
    const timed = async (call: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    const segmentCountMs = await timed(() =>
      admin('GET', `/workspaces/${ws.id}/segments/${built.id}`),
    );
    const metricsMs = await timed(() =>
      admin('GET', `/workspaces/${ws.id}/messages/${viewed}/metrics`),
    );
    const activityMs = await timed(() =>
      admin('GET', `/workspaces/${ws.id}/people/user-11/activity?limit=50`),
    );
    let erased = 100;
    const eraseMs = await timed(() =>
      admin('DELETE', `/workspaces/${ws.id}/people/user-${erased++}`),
    );
    const plans = await explain(databaseUrl, ws.id, viewed, built.id);
    return {
      people,
      events,
      loadSeconds,
      deliveryIdentified,
      deliveryAnonymous,
      ingestAcknowledged: acknowledged,
      ingestApplied: applied,
      segmentBuildSeconds,
      segmentCountMs,
      metricsMs,
      activityMs,
      eraseMs,
      plans,
    };
  } finally {
    await cleanup.run();
  }
}

/** p50 and p99 of one visitor's full answers (no If-None-Match), over BENCH_DURATION seconds. */
async function latency(url: string): Promise<{ p50: number; p99: number }> {
  const result = await autocannon({ url, connections: 10, duration: DURATION });
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx`);
  return { p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Tracking batches for BENCH_DURATION seconds: events acknowledged per second, then applied
 * (stored events until the ingest log is empty, over the time since the load began).
 */
async function ingest(url: string, writeKey: string, databaseUrl: string) {
  const factory = new BatchFactory(writeKey, newRunTag());
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  try {
    const before = await one(`SELECT count(*) AS n FROM event_ids`);
    let requestNo = 0;
    const started = performance.now();
    const result = await autocannon({
      url: `${url}/v1/batch`,
      method: 'POST',
      connections: 10,
      duration: DURATION,
      headers: { 'content-type': 'text/plain' },
      setupClient: (c) => {
        c.setBody(factory.body(requestNo++));
        c.on('response', () => c.setBody(factory.body(requestNo++)));
      },
    });
    const acknowledged = ((result['2xx'] ?? 0) * EVENTS_PER_BATCH) / DURATION;
    while ((await one(`SELECT count(*) AS n FROM ingest_log WHERE failed_at IS NULL`)) > 0) {
      await sleep(250);
    }
    const stored = (await one(`SELECT count(*) AS n FROM event_ids`)) - before;
    const applied = stored / ((performance.now() - started) / 1000);
    return { acknowledged, applied };
  } finally {
    await client.end();
  }
}

function printTable(all: Figures[]) {
  const rows: Array<[string, (f: Figures) => number, 'time' | 'rate']> = [
    ['delivery identified p50 ms', (f) => f.deliveryIdentified.p50, 'time'],
    ['delivery identified p99 ms', (f) => f.deliveryIdentified.p99, 'time'],
    ['delivery anonymous p50 ms', (f) => f.deliveryAnonymous.p50, 'time'],
    ['delivery anonymous p99 ms', (f) => f.deliveryAnonymous.p99, 'time'],
    ['ingest acknowledged events/s', (f) => f.ingestAcknowledged, 'rate'],
    ['ingest applied events/s', (f) => f.ingestApplied, 'rate'],
    ['segment build s', (f) => f.segmentBuildSeconds, 'time'],
    ['segment count ms', (f) => f.segmentCountMs, 'time'],
    ['metrics (N views) ms', (f) => f.metricsMs, 'time'],
    ['person activity page ms', (f) => f.activityMs, 'time'],
    ['erase a person ms', (f) => f.eraseMs, 'time'],
  ];
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const header = ['', ...all.map((f) => `${f.people.toLocaleString('en')} people`), 'growth'];
  const lines = [header];
  lines.push(['events loaded', ...all.map((f) => f.events.toLocaleString('en')), '']);
  lines.push(['load s', ...all.map((f) => f.loadSeconds.toFixed(0)), '']);
  for (const [name, read, kind] of rows) {
    // Growth as "how much worse": a time that doubles and a rate that halves are both 2.0×.
    const growth = kind === 'time' ? read(last) / read(first) : read(first) / read(last);
    lines.push([name, ...all.map((f) => read(f).toFixed(1)), `${growth.toFixed(2)}×`]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  for (const line of lines) {
    console.log(
      line
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
  }
  console.log(`\nQuery plans at ${last.people.toLocaleString('en')} people:`);
  for (const plan of last.plans) console.log(`- ${plan.name}: ${plan.summary}`);
}

/** Loads CHECK_PEOPLE people both ways and stops the bench unless every table is the same. */
async function checkBulkLoad() {
  const cleanup = new Cleanup();
  try {
    const now = Date.now();
    const loads = [];
    for (const tracks of ['pipeline', 'bulk'] as const) {
      const databaseUrl = await createPostgresDatabase(cleanup, 'herald_scale_check');
      const ws = await loadScaleWorkspace(
        databaseUrl,
        cleanup.tempDir('herald-check-'),
        CHECK_PEOPLE,
        tracks,
        now,
      );
      loads.push(await readTables(databaseUrl, ws.id));
    }
    const differ = differences(loads[0]!, loads[1]!);
    if (differ.length > 0)
      throw new Error(`the bulk load differs from the pipeline's: ${differ.join(', ')}`);
    const rows = Object.entries(loads[0]!).map(([t, d]) => `${t} ${d.length}`);
    console.error(`bulk load = pipeline load for ${CHECK_PEOPLE} people (${rows.join(', ')})`);
  } finally {
    await cleanup.run();
  }
}

async function main() {
  if (CHECK_PEOPLE > 0) await checkBulkLoad();
  const all: Figures[] = [];
  for (const size of SIZES) {
    console.error(`loading and measuring ${size.toLocaleString('en')} people…`);
    all.push(await measureSize(size));
  }
  printTable(all);
}

await main();
