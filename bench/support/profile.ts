import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Summarizes the V8 CPU profiles (`node --cpu-prof`) of a Herald run: where the busy time of the
 * server's main thread went, in buckets that match the parts of the ingest path. better-sqlite3
 * runs SQLite on the main thread, so fsync and statement execution show up here as native frames
 * under Kysely's SQLite driver. Run by bench/ingest.ts when BENCH_CPU_PROF=1; it can also be run
 * on its own: `npx tsx bench/support/profile.ts <dir or .cpuprofile>`.
 */
export function summarizeProfiles(dirOrFile: string, title: string, pid?: number): void {
  // V8 names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; a kept directory may
  // hold earlier runs' too.
  const files = !existsSync(dirOrFile)
    ? []
    : dirOrFile.endsWith('.cpuprofile')
      ? [dirOrFile]
      : readdirSync(dirOrFile)
          .filter((f) => f.endsWith('.cpuprofile') && (pid === undefined || f.includes(`.${pid}.`)))
          .map((f) => join(dirOrFile, f));
  if (files.length === 0) {
    process.stdout.write(`  (no CPU profile found in ${dirOrFile})\n`);
    return;
  }
  for (const file of files) {
    process.stdout.write(`\nCPU profile of ${title} (${basename(file)}):\n`);
    process.stdout.write(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile));
  }
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Buckets in order: the first that matches a sample's stack (leaf first) takes its time.
 *
 * V8 charges time spent in a native addon to the JS frame that called it, so SQLite's own work
 * (binding, executing, writing the WAL, and the fsync the main thread waits for at COMMIT) is
 * the self time of Kysely's `executeQuery`, and statement compilation is that of better-sqlite3's
 * `prepare` wrapper. The profiler samples wall time, so a thread blocked in fsync is counted.
 */
const BUCKETS: Array<{ name: string; matches: (stack: CallFrame[]) => boolean }> = [
  { name: 'garbage collection', matches: (s) => s[0]!.functionName === '(garbage collector)' },
  {
    name: 'SQLite COMMIT (WAL write + fsync)',
    matches: (s) => inSqlite(s[0]!) && has(s, 'commitTransaction'),
  },
  {
    name: 'SQLite prepare (SQL compiled again for every query)',
    matches: (s) => isPrepare(s[0]!),
  },
  {
    name: 'SQLite execute: identity queries',
    matches: (s) => inSqlite(s[0]!) && hasFile(s, 'identity.js'),
  },
  {
    name: 'SQLite execute: events INSERT + other queries',
    matches: (s) => inSqlite(s[0]!),
  },
  { name: 'JSON parse of the body', matches: (s) => has(s, 'defaultJsonParser') },
  { name: 'normalize (tracking/normalize.ts)', matches: (s) => hasFile(s, 'normalize.js') },
  { name: 'Kysely (query building + compiling)', matches: (s) => s[0]!.url.includes('/kysely/') },
  { name: 'identity logic (store/identity.ts)', matches: (s) => s[0]!.url.endsWith('identity.js') },
  {
    name: 'event writer + group commit',
    matches: (s) => /\/(events|group-commit)\.js$/.test(s[0]!.url),
  },
  { name: 'pg driver', matches: (s) => /\/pg(-[a-z]+)?\//.test(s[0]!.url) },
  {
    name: 'Fastify, routing, serialization',
    matches: (s) => /fastify|find-my-way|avvio|light-my-request|fast-json/.test(s[0]!.url),
  },
  { name: 'Node HTTP/net/streams/buffers', matches: (s) => s[0]!.url.startsWith('node:') },
  { name: 'V8 (program, compiler)', matches: (s) => s[0]!.functionName === '(program)' },
];

/** Time spent anywhere under these frames, counted once per sample (inclusive time). */
const INCLUSIVE: Array<{ name: string; matches: (stack: CallFrame[]) => boolean }> = [
  { name: 'all database work (Kysely + driver + SQLite)', matches: (s) => hasUrl(s, '/kysely/') },
  { name: '  COMMIT statement', matches: (s) => has(s, 'commitTransaction') },
  {
    name: '  events INSERT (EventWriter.insert minus identity)',
    matches: (s) => hasIn(s, 'insert', 'events.js') && !hasFile(s, 'identity.js'),
  },
  {
    name: '  identity work (IdentityWriter, incl. its SQL)',
    matches: (s) => hasFile(s, 'identity.js'),
  },
  { name: '  Kysely compileQuery', matches: (s) => has(s, 'compileQuery') },
  { name: '  SQLite prepare', matches: (s) => s.some(isPrepare) },
  { name: 'normalizeCall', matches: (s) => has(s, 'normalizeCall') },
  { name: 'body JSON parse', matches: (s) => has(s, 'defaultJsonParser') },
];

function summarize(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = new Map<number, CallFrame[]>();
  const stack = (id: number): CallFrame[] => {
    let frames = stackOf.get(id);
    if (!frames) {
      frames = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        frames.push(byId.get(at)!.callFrame);
      }
      stackOf.set(id, frames);
    }
    return frames;
  };

  let busy = 0;
  let idle = 0;
  const buckets = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const selfTime = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frames = stack(id);
    const leaf = frames[0]!;
    if (leaf.functionName === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    const bucket = BUCKETS.find((b) => b.matches(frames))?.name ?? 'other';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    for (const item of INCLUSIVE) {
      if (item.matches(frames)) inclusive.set(item.name, (inclusive.get(item.name) ?? 0) + us);
    }
    const key = `${leaf.functionName || '(anonymous)'} ${shortUrl(leaf)}`;
    selfTime.set(key, (selfTime.get(key) ?? 0) + us);
  });

  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [
    `  busy ${ms(busy)}, idle ${ms(idle)} (main thread)`,
    '  by part of the ingest path (self time):',
    ...[...buckets].sort((a, b) => b[1] - a[1]).map(([n, us]) => `    ${pct(us)} ${ms(us)}  ${n}`),
    '  inclusive:',
    ...INCLUSIVE.map(
      ({ name }) => `    ${pct(inclusive.get(name) ?? 0)} ${ms(inclusive.get(name) ?? 0)}  ${name}`,
    ),
    '  top functions (self time):',
    ...[...selfTime]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([n, us]) => `    ${pct(us)} ${ms(us)}  ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Native SQLite time, as V8 attributes it (see {@link BUCKETS}). */
const inSqlite = (f: CallFrame) =>
  f.url.endsWith('sqlite-driver.js') && f.functionName === 'executeQuery';
const isPrepare = (f: CallFrame) =>
  f.functionName === 'prepare' && f.url.includes('better-sqlite3');
const hasUrl = (s: CallFrame[], part: string) => s.some((f) => f.url.includes(part));
const has = (s: CallFrame[], fn: string) => s.some((f) => f.functionName === fn);
const hasFile = (s: CallFrame[], file: string) => s.some((f) => f.url.endsWith(`/${file}`));
const hasIn = (s: CallFrame[], fn: string, file: string) =>
  s.some((f) => f.functionName === fn && f.url.endsWith(`/${file}`));

function shortUrl(frame: CallFrame): string {
  if (!frame.url) return '(native)';
  const url = frame.url.replace(/^file:\/\//, '');
  const nm = url.lastIndexOf('node_modules/');
  const short =
    nm >= 0 ? url.slice(nm + 'node_modules/'.length) : url.replace(/^.*\/packages\//, '');
  return `${short}:${frame.lineNumber + 1}`;
}

// Run on its own: summarize the profiles given on the command line.
if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  for (const arg of process.argv.slice(2)) summarizeProfiles(arg, arg);
}
