import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../store/index.js';

export interface HealthOptions {
  store: Store;
  /** Checks the bus reaches the other nodes (Redis PING); absent for the in-process bus. */
  pingBus?: (() => Promise<void>) | undefined;
  /** True once a graceful shutdown started: the load balancer must stop sending traffic. */
  draining: () => boolean;
}

/** A dependency that does not answer within this is reported down, not waited for. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * `GET /healthz`: the process is alive and serving HTTP (a liveness probe: restart it if not).
 * `GET /readyz`: it can do its work: the database (and Redis in cluster mode) answer, and it is
 * not draining. 503 with the failing checks otherwise (a readiness probe: route elsewhere).
 */
export function healthRoutes(app: FastifyInstance, options: HealthOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = {};
    if (options.draining()) checks.draining = 'shutting down';
    const log = (name: string) => (error: Error) =>
      app.log.warn({ err: error }, `readiness check failed: ${name}`);
    const [database, redis] = await Promise.all([
      check(async () => {
        await sql`select 1`.execute(options.store.database.db);
      }, log('database')),
      options.pingBus ? check(options.pingBus, log('redis')) : Promise.resolve(undefined),
    ]);
    checks.database = database;
    if (redis !== undefined) checks.redis = redis;
    const ready = Object.entries(checks).every(
      ([name, value]) => name !== 'draining' && value === 'ok',
    );
    reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
    return { status: ready ? 'ready' : 'unavailable', checks };
  });
}

/** 'ok' or 'unreachable': the details (addresses, errors) go to the log, not to anyone asking. */
async function check(fn: () => Promise<void>, onError: (error: Error) => void): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (error) {
    onError(error as Error);
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
