/**
 * bench/delivery: how fast Herald answers the SDK's "which messages may I show?" poll, and what
 * live streams cost, each against a bare baseline measured in the same run.
 *
 * 1. A workspace with 50 active anonymous messages; one visitor polls GET /v1/in-app/messages:
 *    a full answer every time (no If-None-Match), then the 304 of an unchanged poll. The bare
 *    baseline is a plain Fastify route answering the same JSON, and a constant 304.
 * 2. BENCH_STREAMS (default 5,000) idle SSE connections: the server's memory per connection, and
 *    the time from a launch through the admin API until every connection has its refresh hint.
 *
 * Targets (issue "In-app messages on the server"): full ≥ 0.5 of bare, 304 ≥ 0.8 of bare,
 * ≤ 20 KB per idle stream, fan-out to 5,000 in ≤ 1 s.
 *
 * Run: `npx tsc -b && npx tsx bench/delivery.ts` (BENCH_DURATION seconds a phase, default 5;
 * each phase runs twice, alternating with the baseline).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { adminClient, BENCH_MASTER_KEY } from './support/admin.js';
import { Cleanup, type ServerProcess, sleep, startServer } from './support/processes.js';
import { StreamSwarm } from './support/streams.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000);
const MESSAGES = 50;
const MAIN = join(import.meta.dirname, '../packages/server/dist/main.js');
const BARE = join(import.meta.dirname, 'support/bare-delivery-server.ts');

interface Phase {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const herald = await startServer(
      'Herald',
      [MAIN],
      {
        HERALD_DATA_DIR: cleanup.tempDir('herald-bench-delivery-'),
        HERALD_MASTER_KEY: BENCH_MASTER_KEY,
        HERALD_INGEST_RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
      },
      cleanup,
    );
    const { ws, query } = await seed(herald);
    const first = await fetch(`${herald.url}/v1/in-app/messages?${query}`);
    const etag = first.headers.get('etag') ?? '';
    const payload = await first.text();
    const delivered = (JSON.parse(payload) as { messages: unknown[] }).messages.length;
    if (delivered !== MESSAGES) throw new Error(`expected ${MESSAGES} messages, got ${delivered}`);
    const payloadFile = join(cleanup.tempDir('herald-bench-payload-'), 'payload.json');
    writeFileSync(payloadFile, payload);
    const bare = await startServer(
      'bare',
      ['--import', 'tsx', BARE],
      { BENCH_PAYLOAD_FILE: payloadFile },
      cleanup,
    );

    console.log(
      `delivery: ${MESSAGES} active messages, answer ${(payload.length / 1024).toFixed(1)} KB, ` +
        `${CONNECTIONS} connections, ${DURATION} s a phase\n`,
    );
    const path = `/v1/in-app/messages?${query}`;
    // Bare and Herald take turns, twice each, so that a burst of load from elsewhere on the
    // machine does not land on one side only.
    const phases: Phase[] = [];
    for (const [name, bareUrl, heraldHeaders, bareHeaders] of [
      // The same query string: parsing it is part of any route's work.
      ['full answer', `${bare.url}/full?${query}`, {}, {}],
      [
        '304',
        `${bare.url}/etag?${query}`,
        { 'if-none-match': etag },
        { 'if-none-match': '"bench"' },
      ],
    ] as const) {
      const runs: Phase[] = [];
      for (let round = 0; round < 2; round++) {
        runs.push(await load(`bare: ${name}`, bareUrl, bareHeaders));
        runs.push(await load(`Herald: ${name}`, `${herald.url}${path}`, heraldHeaders));
      }
      phases.push(
        mean(runs.filter((_, i) => i % 2 === 0)),
        mean(runs.filter((_, i) => i % 2 === 1)),
      );
    }
    printPhases(phases);

    const streams = await streamPhase(herald, ws, query);
    const fullRatio = phases[1]!.requestsPerSecond / phases[0]!.requestsPerSecond;
    const notModifiedRatio = phases[3]!.requestsPerSecond / phases[2]!.requestsPerSecond;
    console.log('\nsummary');
    console.log(verdict('full answer vs bare', fullRatio.toFixed(2), fullRatio >= 0.5, '≥ 0.5'));
    console.log(
      verdict('304 vs bare', notModifiedRatio.toFixed(2), notModifiedRatio >= 0.8, '≥ 0.8'),
    );
    console.log(
      verdict(
        'memory per idle stream',
        `${streams.bytesPerStream.toFixed(0)} B`,
        streams.bytesPerStream <= 20_480,
        '≤ 20 KB',
      ),
    );
    console.log(
      verdict(
        `fan-out to ${streams.count} streams`,
        `${streams.fanOutMs.toFixed(0)} ms`,
        streams.fanOutMs <= 1000,
        '≤ 1000 ms',
      ),
    );
    const failed = phases.some((p) => p.non2xx > 0 || p.errors > 0);
    if (failed) {
      console.error('\nSome requests failed: see the table above.');
      process.exitCode = 1;
    }
  } finally {
    await cleanup.run();
  }
}

/** Creates a workspace with in-app on and 50 launched anonymous messages. */
async function seed(herald: ServerProcess): Promise<{ ws: string; query: string }> {
  const admin = adminClient(herald.url);
  const ws = await admin('POST', '/workspaces', {
    name: 'bench',
    inApp: { enabled: true, anonymous: true },
  });
  for (let i = 0; i < MESSAGES; i++) {
    const message = await admin('POST', `/workspaces/${ws.id as string}/messages`, {
      name: `Message ${i}`,
      priority: 1 + (i % 10),
      pageRules: {
        include: [{ op: 'matches', value: `https://shop.example/*/section-${i}` }],
        exclude: [{ op: 'contains', value: 'utm_source=partner' }],
      },
      frequency: { maxViews: 3, cooldownSeconds: 3600 },
      display: { type: i % 2 ? 'overlay' : 'modal', position: i % 2 ? 'bottom-right' : 'center' },
      steps: [
        {
          name: 'main',
          html:
            `<section class="offer"><h2>Offer number ${i}</h2><p>${'Save on your next order. '.repeat(8)}</p>` +
            `<a href="herald://action/accept?value=${i}">Accept</a> <a href="herald://close">Not now</a></section>`,
        },
      ],
    });
    await admin('POST', `/workspaces/${ws.id as string}/messages/${message.id as string}/launch`);
  }
  const query = new URLSearchParams({
    writeKey: ws.writeKey as string,
    anonymousId: 'bench-visitor',
    anonymousInApp: 'true',
  }).toString();
  return { ws: ws.id as string, query };
}

async function load(name: string, url: string, headers: Record<string, string>): Promise<Phase> {
  // A short warm-up so that both servers are measured hot.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const expected = headers['if-none-match'] ? 304 : 200;
  const good =
    (result.statusCodeStats as Record<string, { count: number }> | undefined)?.[expected]?.count ??
    0;
  return {
    name,
    requestsPerSecond: good / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.requests.total - good,
    errors: result.errors,
  };
}

function mean(runs: Phase[]): Phase {
  const avg = (pick: (p: Phase) => number) =>
    runs.reduce((sum, p) => sum + pick(p), 0) / runs.length;
  return {
    name: runs[0]!.name,
    requestsPerSecond: avg((p) => p.requestsPerSecond),
    p50: avg((p) => p.p50),
    p99: avg((p) => p.p99),
    non2xx: runs.reduce((sum, p) => sum + p.non2xx, 0),
    errors: runs.reduce((sum, p) => sum + p.errors, 0),
  };
}

function printPhases(phases: Phase[]): void {
  console.log('phase                  req/s      p50 ms  p99 ms  other  errors');
  for (const p of phases) {
    console.log(
      `${p.name.padEnd(22)} ${p.requestsPerSecond.toFixed(0).padStart(8)}  ${p.p50.toFixed(0).padStart(6)}  ` +
        `${p.p99.toFixed(0).padStart(6)}  ${String(p.non2xx).padStart(5)}  ${String(p.errors).padStart(6)}`,
    );
  }
}

/** Opens the streams, measures the server's memory per stream and the fan-out of one launch. */
async function streamPhase(herald: ServerProcess, ws: string, query: string) {
  const pid = herald.child.pid!;
  const swarm = new StreamSwarm();
  try {
    await sleep(500);
    const before = rssBytes(pid);
    const base = `${herald.url}/v1/in-app/stream?${query.replace('anonymousId=bench-visitor', '')}`;
    await swarm.open((i) => `${base}&anonymousId=stream-${i}`, STREAMS);
    await sleep(1000);
    const after = rssBytes(pid);
    const bytesPerStream = (after - before) / swarm.size;

    const admin = adminClient(herald.url);
    const { id } = await admin<{ id: string }>('POST', `/workspaces/${ws}/messages`, {
      name: 'Fan-out',
      steps: [{ name: 'main', html: '<p>New!</p>' }],
    });
    const started = performance.now();
    const launched = admin('POST', `/workspaces/${ws}/messages/${id}/launch`);
    await swarm.refreshes(swarm.size);
    const fanOutMs = performance.now() - started;
    await launched;
    console.log(
      `\nstreams: ${swarm.size} open; server RSS ${(before / 1048576).toFixed(1)} MB → ` +
        `${(after / 1048576).toFixed(1)} MB; fan-out of one launch to all: ${fanOutMs.toFixed(0)} ms`,
    );
    return { count: swarm.size, bytesPerStream, fanOutMs };
  } finally {
    swarm.close();
  }
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

function verdict(what: string, value: string, ok: boolean, target: string): string {
  return `  ${what.padEnd(28)} ${value.padStart(10)}   target ${target.padEnd(10)} ${ok ? 'met' : 'NOT MET'}`;
}

await main();
