import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { type BatchFactory, EVENTS_PER_BATCH } from './events.js';

/**
 * What happened to every request sent to one server: the status it got, or 0 while it has none.
 * Autocannon cuts its connections when the duration is up, so the last request of each
 * connection may have reached the server (and been committed) without an answer coming back;
 * the ledger is what lets the durability check tell those from lost or unexpected rows.
 */
export class Ledger {
  private readonly status = new Map<number, number>();

  sent(requestNo: number): void {
    this.status.set(requestNo, 0);
  }

  answered(requestNo: number, statusCode: number): void {
    this.status.set(requestNo, statusCode);
  }

  /** The status of `requestNo`: 0 if unanswered, undefined if never sent to this server. */
  statusOf(requestNo: number): number | undefined {
    return this.status.get(requestNo);
  }

  entries(): IterableIterator<[number, number]> {
    return this.status.entries();
  }

  count(predicate: (status: number) => boolean): number {
    let n = 0;
    for (const status of this.status.values()) if (predicate(status)) n++;
    return n;
  }
}

export const is2xx = (status: number) => status >= 200 && status < 300;

/** Request numbers are global to the process: no two requests of a run share messageIds. */
let nextRequestNo = 0;

export interface LoadOptions {
  url: string;
  factory: BatchFactory;
  ledger: Ledger;
  connections: number;
  durationSeconds: number;
  /** The server's pid, to measure the CPU time it spent (Linux only). */
  serverPid?: number | undefined;
}

export interface LoadResult {
  durationSeconds: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU seconds the server process used during the phase, if known. */
  serverCpuSeconds: number | undefined;
  /** CPU seconds this process (the load generator) used during the phase. */
  clientCpuSeconds: number;
  statusCodes: Record<string, number>;
}

/** Per-connection state autocannon hands to both hooks: which request is on the wire. */
interface RequestContext {
  requestNo?: number;
}

/** Drives `POST /v1/batch` on `url` with fresh batches for `durationSeconds`. */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const { factory, ledger } = options;
  const serverCpuBefore = processCpuSeconds(options.serverPid);
  const clientCpuBefore = process.cpuUsage();

  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    // One request per connection at a time, like SDKs, and so that every answer is attributable.
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/batch',
        // What analytics.js sends: text/plain avoids a CORS preflight.
        headers: { 'content-type': 'text/plain' },
        setupRequest: (request, context) => {
          const requestNo = nextRequestNo++;
          (context as RequestContext).requestNo = requestNo;
          ledger.sent(requestNo);
          return { ...request, body: factory.body(requestNo) };
        },
        onResponse: (status, _body, context) => {
          const { requestNo } = context as RequestContext;
          if (requestNo !== undefined) ledger.answered(requestNo, status);
        },
      },
    ],
  });

  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuAfter = processCpuSeconds(options.serverPid);
  const ok = result['2xx'];
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
  }
  return {
    durationSeconds: result.duration,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    requestsPerSecond: ok / result.duration,
    eventsPerSecond: (ok * EVENTS_PER_BATCH) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    serverCpuSeconds:
      serverCpuBefore === undefined || serverCpuAfter === undefined
        ? undefined
        : serverCpuAfter - serverCpuBefore,
    clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
    statusCodes,
  };
}

/**
 * User + system CPU seconds of process `pid` so far, from /proc (Linux). On a shared 2-core
 * machine, CPU time per request is steadier than requests per second: it does not depend on who
 * else was running.
 */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return ticks / 100; // USER_HZ is 100 on Linux.
  } catch {
    return undefined;
  }
}
