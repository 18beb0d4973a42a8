import { type IncomingMessage, request } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './databases.js';
import {
  killServerProcess,
  type ServerProcess,
  serverBuilt,
  startServerProcess,
} from './server-process.js';

export const TEST_REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CLUSTER_MASTER_KEY = 'cluster-master-key-0123456789';

/** Why the cluster suites cannot run here, in one line; undefined when they can. */
export const clusterUnavailable: string | undefined = !serverBuilt
  ? 'run npx tsc -b first (the nodes are real processes of dist/main.js)'
  : (postgresUnavailable ?? (await probeRedis()));

async function probeRedis(): Promise<string | undefined> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `no Redis at ${TEST_REDIS_URL} (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

/** One node of the cluster under test, with helpers to call it over HTTP. */
export interface ClusterNode {
  process: ServerProcess;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  admin<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

/**
 * Starts `count` server processes on one fresh PostgreSQL database and the local Redis before
 * the suite, and stops them (and drops the database) after. The first node starts alone (it
 * migrates); the others start together.
 */
export function useCluster(count: number, env: Record<string, string> = {}) {
  let database: TestDatabase;
  const nodes: ClusterNode[] = [];
  const start = async () => {
    const node = await startNode(database, env);
    nodes.push(node);
    return node;
  };
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await start();
    await Promise.all(Array.from({ length: count - 1 }, start));
  }, 30_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => killServerProcess(n.process)));
    await database?.drop();
  });
  return {
    nodes: () => nodes,
    /** Starts one more node on the same database and Redis. */
    start,
  };
}

async function startNode(
  database: TestDatabase,
  env: Record<string, string>,
): Promise<ClusterNode> {
  const process = await startServerProcess(database, {
    REDIS_URL: TEST_REDIS_URL,
    HERALD_MASTER_KEY: CLUSTER_MASTER_KEY,
    LOG_LEVEL: 'info',
    ...env,
  });
  const { url } = process;
  return {
    process,
    url,
    async admin(method, path, body) {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${CLUSTER_MASTER_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * A Server-Sent Events stream read the way EventSource reads one: events in order, with their
 * ids, and how it ended. `next(type)` waits for the next event of that type.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  /** Resolves when the connection ends, for whatever reason. */
  readonly ended: Promise<void>;
  private response: IncomingMessage | undefined;
  private readonly waiters: Array<{ type: string; from: number; resolve: (e: SseEvent) => void }> =
    [];
  private endStream!: () => void;

  private constructor(readonly url: string) {
    this.ended = new Promise((resolve) => (this.endStream = resolve));
  }

  /** Connects and resolves once the server said hello. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const stream = new SseStream(url);
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        stream.response = res;
        stream.read(res);
        resolve();
      });
      req.on('error', (error) => {
        stream.endStream();
        reject(error);
      });
      req.end();
    });
    await stream.next('hello');
    return stream;
  }

  /** The id of the last event that had one: what EventSource sends back as Last-Event-ID. */
  get lastEventId(): string | undefined {
    return this.events.findLast((e) => e.id !== undefined)?.id;
  }

  /** The next event of `type` after those already consumed by earlier calls (or seen before `from`). */
  next(type: string, from = this.consumed.get(type) ?? 0): Promise<SseEvent> {
    const found = this.events.findIndex((e, i) => i >= from && e.event === type);
    if (found >= 0) {
      this.consumed.set(type, found + 1);
      return Promise.resolve(this.events[found]!);
    }
    return new Promise((resolve) => this.waiters.push({ type, from, resolve }));
  }

  /** Marks every event received so far as seen: `next` waits for new ones. */
  skipReceived(): void {
    for (const e of this.events) this.consumed.set(e.event, this.events.length);
  }

  close(): void {
    this.response?.destroy();
  }

  private readonly consumed = new Map<string, number>();

  private read(res: IncomingMessage): void {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => new RegExp(`^${name}: ?(.*)$`, 'm').exec(block)?.[1];
        const event = field('event');
        if (event === undefined) continue; // retry: and comment lines
        this.events.push({ id: field('id'), event, data: field('data') ?? '' });
        this.notify();
      }
    });
    const done = () => this.endStream();
    res.on('end', done);
    res.on('close', done);
    res.on('error', done);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      const found = this.events.findIndex((e, i) => i >= waiter.from && e.event === waiter.type);
      if (found < 0) continue;
      this.consumed.set(waiter.type, found + 1);
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(this.events[found]!);
    }
  }
}
