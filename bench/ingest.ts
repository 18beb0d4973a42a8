/**
 * Ingest benchmark: how close does Herald's durable `POST /v1/batch` come to a bare Fastify
 * server that only parses the same bodies? See bench/README.md for how to run and read it.
 *
 *   npx tsx bench/ingest.ts
 *
 * Environment: BENCH_DURATION (seconds per measured run, default 10), BENCH_WARMUP (seconds,
 * default 2), BENCH_CONNECTIONS (default 10), BENCH_POSTGRES=1 (also run on PostgreSQL,
 * BENCH_POSTGRES_URL names the server, default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_CPU_PROF=1 (write a V8 CPU profile of each Herald run and print where its time went;
 * BENCH_CPU_PROF=<dir> also keeps the .cpuprofile files there), BENCH_HERALD_MAIN (run another
 * build of Herald's main.js, e.g. a scratch copy with an optimization to compare).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchFactory, EVENTS_PER_BATCH, newRunTag } from './support/events.js';
import { drive, Ledger, type LoadResult } from './support/load.js';
import { createPostgresDatabase } from './support/admin.js';
import { Cleanup, startServer, stopProcess } from './support/processes.js';
import { type IngestSnapshot, snapshotPostgres, snapshotSqlite } from './support/progress.js';
import { summarizeProfiles } from './support/profile.js';
import {
  checkDurability,
  type DurabilityReport,
  storedInPostgres,
  storedInSqlite,
} from './support/verify.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_MAIN = join(ROOT, 'packages/server/dist/main.js');
/** BENCH_HERALD_MAIN runs another build (a scratch copy with an optimization) instead. */
const HERALD_MAIN = process.env.BENCH_HERALD_MAIN
  ? resolve(process.env.BENCH_HERALD_MAIN)
  : BUILT_MAIN;
const BARE_SERVER = join(ROOT, 'bench/support/bare-server.ts');
/** The ratio of Herald's events/s to the bare server's that the ingest path is held to. */
const TARGET_RATIO = 0.6;

const settings = {
  duration: positiveNumber('BENCH_DURATION', 10),
  warmup: positiveNumber('BENCH_WARMUP', 2),
  connections: positiveNumber('BENCH_CONNECTIONS', 10),
  postgres: process.env.BENCH_POSTGRES === '1',
  cpuProfile: (process.env.BENCH_CPU_PROF ?? '') !== '' && process.env.BENCH_CPU_PROF !== '0',
  /** Where to keep the profiles; by default they go with the temp data directory. */
  cpuProfileDir:
    process.env.BENCH_CPU_PROF && !['0', '1'].includes(process.env.BENCH_CPU_PROF)
      ? resolve(process.env.BENCH_CPU_PROF)
      : undefined,
};

interface TargetResult {
  name: string;
  load: LoadResult;
  durability?: DurabilityReport;
  /** Exit code of the server after SIGTERM (0 = it shut down cleanly). */
  exitCode?: number | null;
  /** Herald only: how its ingest processor kept up (the ack path answers before processing). */
  processing?: ProcessingReport;
}

interface ProcessingReport {
  /** Snapshots at the start and the end of the measured run. */
  start: IngestSnapshot;
  end: IngestSnapshot;
  /** Seconds from SIGTERM to exit (Herald drains its ingest log for up to 10 s). */
  shutdownSeconds: number;
  /** Events applied after the measured run ended (until exit). */
  drainedEvents: number;
}

async function main(): Promise<number> {
  const cleanup = new Cleanup();
  try {
    ensureBuilt();
    const runTag = newRunTag();
    if (HERALD_MAIN !== BUILT_MAIN) process.stdout.write(`Herald build: ${HERALD_MAIN}\n`);
    process.stdout.write(
      `Herald ingest benchmark: POST /v1/batch, ${EVENTS_PER_BATCH} events per request, ` +
        `${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s ` +
        `per server.\nMachine: ${cpus().length} cores, load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} before the run (the load generator shares these cores).\n\n`,
    );

    // Each Herald run is bracketed by bare runs and compared with their mean: the machine's
    // speed drifts (other work on shared cores) more than the difference being measured.
    const results: TargetResult[] = [];
    results.push(await runBare('bare Fastify', runTag, cleanup));
    results.push(await runHerald('Herald (SQLite)', runTag, cleanup, undefined));
    results.push(await runBare('bare Fastify (again)', runTag, cleanup));
    if (settings.postgres) {
      const databaseUrl = await createPostgresDatabase(cleanup);
      results.push(await runHerald('Herald (PostgreSQL)', runTag, cleanup, databaseUrl));
      results.push(await runBare('bare Fastify (again)', runTag, cleanup));
    }
    return report(results);
  } finally {
    await cleanup.run();
  }
}

/** The baseline: a Fastify server that parses the body and answers `{"success":true}`. */
async function runBare(name: string, runTag: string, cleanup: Cleanup): Promise<TargetResult> {
  const server = await startServer('bare server', ['--import', 'tsx', BARE_SERVER], {}, cleanup);
  // A fake key of the same shape as Herald's, so that bodies are byte for byte comparable.
  const factory = new BatchFactory(`wk_${randomBytes(18).toString('base64url')}`, runTag);
  if (!bodiesShown) {
    process.stdout.write(`Bodies: ${(factory.averageBytes / 1024).toFixed(0)} KB on average.\n`);
    bodiesShown = true;
  }
  const load = await warmUpAndMeasure(name, server.url, factory, server.child.pid);
  await stopProcess(server.child, 5_000);
  return { name, load };
}
let bodiesShown = false;

/** A Herald run's baseline: the mean events/s of the bare runs just before and after it. */
function baselineOf(results: TargetResult[], index: number): number {
  const around = [results[index - 1], results[index + 1]].filter(
    (r): r is TargetResult => r !== undefined && r.processing === undefined,
  );
  return around.reduce((sum, r) => sum + r.load.eventsPerSecond, 0) / around.length;
}

/** Herald from packages/server/dist on a fresh SQLite directory, or on `databaseUrl`. */
async function runHerald(
  name: string,
  runTag: string,
  cleanup: Cleanup,
  databaseUrl: string | undefined,
): Promise<TargetResult> {
  const dataDir = cleanup.tempDir('herald-bench-');
  const masterKey = randomBytes(24).toString('hex');
  const profileDir = settings.cpuProfileDir ?? join(dataDir, 'profiles');
  const nodeArgs = settings.cpuProfile
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, HERALD_MAIN]
    : [HERALD_MAIN];
  const server = await startServer(
    name,
    nodeArgs,
    {
      HERALD_DATA_DIR: dataDir,
      HERALD_MASTER_KEY: masterKey,
      HERALD_INGEST_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    cleanup,
  );

  const response = await fetch(`${server.url}/api/v1/workspaces`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (response.status !== 201) {
    throw new Error(`creating a workspace answered ${response.status}: ${await response.text()}`);
  }
  const { writeKey } = (await response.json()) as { writeKey: string };
  const factory = new BatchFactory(writeKey, runTag);

  const ledger = new Ledger();
  const snapshot = () =>
    databaseUrl ? snapshotPostgres(databaseUrl) : snapshotSqlite(join(dataDir, 'herald.db'));
  let start: IngestSnapshot | undefined;
  const load = await warmUpAndMeasure(
    name,
    server.url,
    factory,
    server.child.pid,
    ledger,
    async () => {
      start = await snapshot();
    },
  );
  const end = await snapshot();

  // SIGTERM lets Herald finish in-flight requests, commit its queue and drain its ingest log
  // (for a while) before the count; what it leaves in the log is counted too.
  process.stdout.write(`  stopping ${name} with SIGTERM and counting stored events…\n`);
  const stopping = Date.now();
  const exitCode = await stopProcess(server.child, 30_000);
  const shutdownSeconds = (Date.now() - stopping) / 1000;
  const after = await snapshot();
  if (exitCode !== 0)
    process.stderr.write(`${name} exited with ${exitCode}:\n${server.output()}\n`);
  const stored = databaseUrl
    ? await storedInPostgres(databaseUrl, runTag)
    : storedInSqlite(join(dataDir, 'herald.db'), runTag);
  if (settings.cpuProfile) summarizeProfiles(profileDir, name, server.child.pid);
  return {
    name,
    load,
    durability: checkDurability(ledger, stored),
    exitCode,
    processing: { start: start!, end, shutdownSeconds, drainedEvents: after.events - end.events },
  };
}

/**
 * A short warm-up (JIT, connection set-up, SQLite page cache), then the measured run. Both go
 * through the same ledger, so the durability check covers warm-up requests too.
 */
async function warmUpAndMeasure(
  name: string,
  url: string,
  factory: BatchFactory,
  serverPid: number | undefined,
  ledger = new Ledger(),
  beforeMeasure: () => Promise<void> = async () => {},
): Promise<LoadResult> {
  const common = { url, factory, ledger, connections: settings.connections, serverPid };
  process.stdout.write(`${name}: warming up for ${settings.warmup} s… `);
  await drive({ ...common, durationSeconds: settings.warmup });
  await beforeMeasure();
  process.stdout.write(`measuring for ${settings.duration} s… `);
  const load = await drive({ ...common, durationSeconds: settings.duration });
  process.stdout.write(`${Math.round(load.requestsPerSecond)} requests/s\n`);
  return load;
}

/** Prints the table and the durability checks; returns the exit code. */
function report(results: TargetResult[]): number {
  const bare = results[0]!;
  const vsBare = (index: number) => {
    const result = results[index]!;
    const baseline = result.processing ? baselineOf(results, index) : bare.load.eventsPerSecond;
    return result.load.eventsPerSecond / baseline;
  };
  const rows: string[][] = [
    [
      '',
      'requests/s',
      'events/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'server CPU s/10k ev',
      'server CPU %',
      'client CPU %',
      'vs bare',
    ],
  ];
  for (const [index, { name, load }] of results.entries()) {
    const cpuPer10k =
      load.serverCpuSeconds === undefined || load.ok === 0
        ? 'n/a'
        : ((load.serverCpuSeconds / (load.ok * EVENTS_PER_BATCH)) * 10_000).toFixed(3);
    rows.push([
      name,
      load.requestsPerSecond.toFixed(0),
      load.eventsPerSecond.toFixed(0),
      load.p50Ms.toFixed(1),
      load.p99Ms.toFixed(1),
      String(load.non2xx),
      String(load.errors),
      cpuPer10k,
      load.serverCpuSeconds === undefined
        ? 'n/a'
        : ((100 * load.serverCpuSeconds) / load.durationSeconds).toFixed(0),
      ((100 * load.clientCpuSeconds) / load.durationSeconds).toFixed(0),
      vsBare(index).toFixed(2),
    ]);
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);

  let failed = false;
  process.stdout.write(
    `\nTarget: Herald/bare events/s ratio ≥ ${TARGET_RATIO} on SQLite (bare: the mean of the ` +
      'runs just before and after).\n',
  );
  for (const [index, { name, processing }] of results.entries()) {
    if (!processing) continue;
    const ratio = vsBare(index);
    const verdict = ratio >= TARGET_RATIO ? 'meets the target' : 'BELOW THE TARGET';
    process.stdout.write(`  ${name}: ${ratio.toFixed(2)} — ${verdict}\n`);
  }

  process.stdout.write(
    '\nProcessing (Herald acknowledges once a request is in its ingest log; its processor applies\n' +
      'the log to events after): applied events/s during the measured run, the log at its end.\n',
  );
  for (const { name, load, processing } of results) {
    if (!processing) continue;
    const { start, end } = processing;
    const seconds = (end.at - start.at) / 1000;
    const applied = (end.events - start.events) / seconds;
    process.stdout.write(
      `  ${name}: acknowledged ${load.eventsPerSecond.toFixed(0)} events/s, applied ` +
        `${applied.toFixed(0)} events/s (${(applied / load.eventsPerSecond).toFixed(2)} of ` +
        `acknowledged); lag at the end: ${end.logRows} requests, ${end.logEvents} events, oldest ` +
        `${(end.oldestMs / 1000).toFixed(1)} s. Shutdown took ${processing.shutdownSeconds.toFixed(1)} s ` +
        `and applied ${processing.drainedEvents} more events.\n`,
    );
  }

  process.stdout.write(
    '\nDurability (events counted after SIGTERM, applied or still in the ingest log; the SQLite\n' +
      'file opened read-only):\n',
  );
  for (const { name, load, durability, exitCode } of results) {
    const problems = [...(durability?.problems ?? [])];
    if (load.non2xx > 0) problems.push(`non-2xx answers: ${JSON.stringify(load.statusCodes)}`);
    if (load.errors > 0) problems.push(`${load.errors} connection error(s) or timeout(s)`);
    if (exitCode !== undefined && exitCode !== 0) problems.push(`exit code ${exitCode} on SIGTERM`);
    if (durability) {
      const extra = durability.rows - durability.expectedRows;
      process.stdout.write(
        `  ${name}: ${durability.rows} rows (${durability.inLog} still in the ingest log); ` +
          `2xx × ${EVENTS_PER_BATCH} = ` +
          `${durability.acknowledged} × ${EVENTS_PER_BATCH} = ${durability.expectedRows}` +
          (extra === 0
            ? ' — equal\n'
            : ` — ${extra} more: ${durability.committedUnanswered} request(s) in flight when ` +
              'the load stopped were committed, their answers unread\n'),
      );
    }
    if (problems.length > 0) {
      failed = true;
      for (const problem of problems) process.stdout.write(`  !!! ${name}: ${problem}\n`);
    } else if (durability) {
      process.stdout.write(`  ${name}: OK, every acknowledged event is stored exactly once\n`);
    }
  }
  if (failed) process.stdout.write('\n!!! FAILED: see the problems above.\n');
  return failed ? 1 : 0;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** Builds the server once if packages/server/dist is missing (it is not rebuilt otherwise). */
function ensureBuilt(): void {
  if (existsSync(HERALD_MAIN)) return;
  if (HERALD_MAIN !== BUILT_MAIN)
    throw new Error(`BENCH_HERALD_MAIN: ${HERALD_MAIN} does not exist`);
  process.stdout.write('packages/server/dist is missing: building with `npx tsc -b`…\n');
  const build = spawnSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(HERALD_MAIN)) throw new Error('`npx tsc -b` failed');
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\n!!! benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
