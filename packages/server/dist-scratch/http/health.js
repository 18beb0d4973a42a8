import { sql } from 'kysely';
/** A dependency that does not answer within this is reported down, not waited for. */
const CHECK_TIMEOUT_MS = 2000;
/**
 * `GET /healthz`: the process is alive and serving HTTP (a liveness probe: restart it if not).
 * `GET /readyz`: it can do its work: the database (and Redis in cluster mode) answer, and it is
 * not draining. 503 with the failing checks otherwise (a readiness probe: route elsewhere).
 */
export function healthRoutes(app, options) {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
        const checks = {};
        if (options.draining())
            checks.draining = 'shutting down';
        const log = (name) => (error) => app.log.warn({ err: error }, `readiness check failed: ${name}`);
        const [database, redis] = await Promise.all([
            check(async () => {
                await sql `select 1`.execute(options.store.database.db);
            }, log('database')),
            options.pingBus ? check(options.pingBus, log('redis')) : Promise.resolve(undefined),
        ]);
        checks.database = database;
        if (redis !== undefined)
            checks.redis = redis;
        const ready = Object.entries(checks).every(([name, value]) => name !== 'draining' && value === 'ok');
        reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
        return { status: ready ? 'ready' : 'unavailable', checks };
    });
}
/** 'ok' or 'unreachable': the details (addresses, errors) go to the log, not to anyone asking. */
async function check(fn, onError) {
    let timer;
    try {
        await Promise.race([
            fn(),
            new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
            }),
        ]);
        return 'ok';
    }
    catch (error) {
        onError(error);
        return 'unreachable';
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=health.js.map