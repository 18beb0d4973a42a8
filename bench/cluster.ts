/**
 * Herald as a cluster: one node against two and three (BENCH_NODES, default 1,2,3), on one
 * PostgreSQL database and one Redis, no load balancer (the load generator spreads its
 * connections over the nodes). Measures ingest (acked and applied events/s), delivery (full
 * `GET /v1/in-app/messages` answers/s), open SSE streams (BENCH_STREAMS per node, default
 * 10,000, each node's held by a client process of its own) with the memory each costs its node,
 * and fan-out (time from a launch through node 1 until every stream, on every node, got its
 * hint). Each figure is also printed as a ratio against one node in the same run.
 *
 * npx tsc -b && npx tsx bench/cluster.ts        (BENCH_DURATION=10, BENCH_STREAMS=10000)
 *
 * Everything shares this machine's cores: see the note printed with the results.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BatchFactory, newRunTag } from './support/events.js';
import { drive, Ledger } from './support/load.js';
import {
  Cleanup,
  type ServerProcess,
  sleep,
  startServer,
  stopProcess,
} from './support/processes.js';
import { adminClient, createPostgresDatabase } from './support/admin.js';
import { snapshotPostgres } from './support/progress.js';
import { SwarmProcess } from './support/swarm-process.js';
import { readFile } from 'node:fs/promises';

const MAIN = fileURLToPath(new URL('../packages/server/dist/main.js', import.meta.url));
const settings = {
  duration: Number(process.env.BENCH_DURATION ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  /** Open streams per node. */
  streams: Number(process.env.BENCH_STREAMS ?? 10_000),
  nodes: (process.env.BENCH_NODES ?? '1,2,3').split(',').map(Number),
  launches: Number(process.env.BENCH_LAUNCHES ?? 5),
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const MASTER_KEY = `bench-${randomBytes(12).toString('hex')}`;
const VISITORS = 1000;

interface Row {
  nodes: number;
  ingestAcked: number;
  ingestApplied: number;
  deliveryPerSecond: number;
  deliveryP99: number;
  fanoutMedianMs: number;
  fanoutMaxMs: number;
  /** Resident memory each open stream adds to its node, in KiB (mean over the nodes). */
  kibPerStream: number;
}

async function main(): Promise<void> {
  process.stdout.write(
    `Herald cluster benchmark: ${settings.duration} s per phase, ${settings.connections} ` +
      `connections, ${settings.streams} SSE streams per node, ${settings.launches} launches.\n` +
      `Machine: ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}. Nodes, PostgreSQL, Redis and the load generator share these cores.\n\n`,
  );
  const rows: Row[] = [];
  for (const nodes of settings.nodes) rows.push(await runCluster(nodes));
  const one = rows[0]!;
  const columns: Array<[string, (r: Row) => number]> = [
    ['ingest acked ev/s', (r) => r.ingestAcked],
    ['ingest applied ev/s', (r) => r.ingestApplied],
    ['delivery req/s', (r) => r.deliveryPerSecond],
    ['delivery p99 ms', (r) => r.deliveryP99],
    ['streams', (r) => r.nodes * settings.streams],
    ['KiB/stream', (r) => r.kibPerStream],
    ['fan-out p50 ms', (r) => r.fanoutMedianMs],
    ['fan-out max ms', (r) => r.fanoutMaxMs],
  ];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padStart(i === 0 ? 5 : Math.max(columns[i - 1]![0].length, 8)))
      .join('  ');
  process.stdout.write(`\n${line(['nodes', ...columns.map(([name]) => name)])}\n`);
  for (const r of rows) {
    process.stdout.write(
      `${line([String(r.nodes), ...columns.map(([, read]) => fmt(read(r)))])}\n`,
    );
    if (r === one) continue;
    // Against one node in this run: what adding nodes bought.
    process.stdout.write(
      `${line([`×${r.nodes}/1`, ...columns.map(([, read]) => ratio(read(r), read(one)))])}\n`,
    );
  }
}

const fmt = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const ratio = (n: number, base: number) => (base > 0 ? `${(n / base).toFixed(2)}×` : '—');

/** A process's resident memory, in KiB (Linux). */
async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
}

async function runCluster(count: number): Promise<Row> {
  const cleanup = new Cleanup();
  try {
    const databaseUrl = await createPostgresDatabase(cleanup, 'herald_cluster');
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: settings.redisUrl,
      HERALD_MASTER_KEY: MASTER_KEY,
      HERALD_INGEST_RATE_LIMIT: '0',
      HERALD_DATA_DIR: cleanup.tempDir('herald-cluster-'),
      LOG_LEVEL: 'warn',
    };
    const nodes: ServerProcess[] = [];
    // The first node migrates; the others find the schema current.
    nodes.push(await startServer('node 1', [MAIN], env, cleanup));
    for (let i = 1; i < count; i++)
      nodes.push(await startServer(`node ${i + 1}`, [MAIN], env, cleanup));
    const ws = await setUp(nodes[0]!.url);
    process.stdout.write(`${count} node(s): `);

    // Ingest: each node gets its share of the connections.
    const runTag = newRunTag();
    const before = await snapshotPostgres(databaseUrl);
    const started = Date.now();
    const loads = await Promise.all(
      nodes.map((node) =>
        drive({
          url: node.url,
          factory: new BatchFactory(ws.writeKey, runTag),
          ledger: new Ledger(),
          connections: Math.max(1, Math.round(settings.connections / count)),
          durationSeconds: settings.duration,
        }),
      ),
    );
    const acked = loads.reduce((sum, l) => sum + l.eventsPerSecond, 0);
    // Applied: from the start of the load until the log is empty again (every node drains it).
    let after = await snapshotPostgres(databaseUrl);
    while (after.logRows > 0) {
      await sleep(200);
      after = await snapshotPostgres(databaseUrl);
    }
    const applied = (after.events - before.events) / ((after.at - started) / 1000);
    process.stdout.write(`ingest ${acked.toFixed(0)} acked, ${applied.toFixed(0)} applied ev/s; `);

    // Delivery: full answers (no ETag) for 1,000 anonymous visitors, spread over the nodes.
    const deliveries = await Promise.all(
      nodes.map((node) =>
        pollLoad(node.url, ws.writeKey, Math.max(1, Math.round(settings.connections / count))),
      ),
    );
    const deliveryPerSecond = deliveries.reduce((sum, d) => sum + d.perSecond, 0);
    const deliveryP99 = Math.max(...deliveries.map((d) => d.p99));
    process.stdout.write(`delivery ${deliveryPerSecond.toFixed(0)} req/s; `);

    // Streams: each node's held by a client process of its own; launches through node 1.
    const idle = await Promise.all(nodes.map((node) => rssKiB(node.child.pid!)));
    const swarms = await Promise.all(nodes.map(() => SwarmProcess.start()));
    await Promise.all(
      swarms.map((swarm, i) =>
        swarm.open(
          `${nodes[i]!.url}/v1/in-app/stream?writeKey=${ws.writeKey}&anonymousInApp=true&anonymousId=s`,
          settings.streams,
          VISITORS,
        ),
      ),
    );
    await sleep(1000);
    const held = await Promise.all(nodes.map((node) => rssKiB(node.child.pid!)));
    const kibPerStream =
      held.reduce((sum, kib, i) => sum + (kib - idle[i]!), 0) / (count * settings.streams);
    const times: number[] = [];
    for (let l = 1; l <= settings.launches; l++) {
      const at = performance.now();
      await launch(nodes[0]!.url, ws.id, `Fan-out ${l}`);
      await Promise.all(swarms.map((swarm) => swarm.refreshes(l * settings.streams)));
      times.push(performance.now() - at);
    }
    await Promise.all(swarms.map((swarm) => swarm.close()));
    times.sort((a, b) => a - b);
    process.stdout.write(
      `${count * settings.streams} streams, ${kibPerStream.toFixed(1)} KiB each; ` +
        `fan-out p50 ${times[times.length >> 1]!.toFixed(0)} ms\n`,
    );
    for (const node of nodes) await stopProcess(node.child, 15_000);
    return {
      nodes: count,
      ingestAcked: acked,
      ingestApplied: applied,
      deliveryPerSecond,
      deliveryP99,
      fanoutMedianMs: times[times.length >> 1]!,
      fanoutMaxMs: times[times.length - 1]!,
      kibPerStream,
    };
  } finally {
    await cleanup.run();
  }
}

async function setUp(url: string): Promise<{ id: string; writeKey: string }> {
  const ws = (await admin(url, 'POST', '/workspaces', {
    name: 'Cluster bench',
    inApp: { enabled: true, anonymous: true },
  })) as { id: string; writeKey: string };
  // Five live messages: what a delivery answer assembles.
  for (let m = 0; m < 5; m++) await launch(url, ws.id, `Live ${m}`);
  return ws;
}

async function launch(url: string, ws: string, name: string): Promise<void> {
  const message = (await admin(url, 'POST', `/workspaces/${ws}/messages`, {
    name,
    audience: { type: 'anonymous' },
    steps: [{ name: 'main', html: `<h2>${name}</h2><a href="herald://close">OK</a>` }],
  })) as { id: string };
  await admin(url, 'POST', `/workspaces/${ws}/messages/${message.id}/launch`);
}

function admin(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  return adminClient(url, MASTER_KEY)(method, path, body);
}

async function pollLoad(url: string, writeKey: string, connections: number) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: settings.duration,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/v1/in-app/messages?writeKey=${writeKey}&anonymousInApp=true&anonymousId=v${n++ % VISITORS}`,
        }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`delivery: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { perSecond: result['2xx'] / result.duration, p99: result.latency.p99 };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
