import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../auth/constant-time.js';
import { HeraldError } from '../errors.js';
/**
 * Prometheus metrics at `GET /metrics`: request rates and latencies by route pattern (never the
 * raw URL, so the label count stays bounded whatever clients send), ingest lag, open SSE streams
 * and the job queue depth, plus Node's process metrics. One registry per app, so that several
 * apps in one process (tests) do not collide.
 */
export function installMetrics(app, options) {
    const registry = new Registry();
    if (options.processMetrics)
        collectDefaultMetrics({ register: registry });
    const requests = new Histogram({
        name: 'herald_http_request_duration_seconds',
        help: 'HTTP requests by method, route pattern and status: rates from _count, latency buckets',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
    });
    app.addHook('onResponse', (request, reply, done) => {
        // Unmatched URLs (404s, scanners) share one label value.
        const route = request.routeOptions.url ?? 'unmatched';
        requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
        done();
    });
    new Gauge({
        name: 'herald_sse_connections',
        help: 'Open in-app event streams on this node',
        registers: [registry],
        collect() {
            this.set(options.hub.size);
        },
    });
    // One query answers the three lag gauges: it runs once per scrape, not once per gauge.
    let lag;
    const readLag = () => (lag ??= options.ingest.lag().finally(() => setImmediate(() => (lag = undefined))));
    const lagGauge = (name, help, pick) => new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
            try {
                this.set(pick(await readLag()));
            }
            catch {
                // The database is unreachable: /readyz says so; the gauge keeps its last value.
            }
        },
    });
    lagGauge('herald_ingest_lag_seconds', 'Age of the oldest accepted tracking request not yet applied (all nodes)', (l) => l.oldestMs / 1000);
    lagGauge('herald_ingest_lag_events', 'Accepted tracking calls not yet applied (all nodes)', (l) => l.events);
    const depth = new Gauge({
        name: 'herald_job_queue_depth',
        help: 'Jobs waiting, by queue: ingest_log = accepted tracking requests not yet applied, failed = set aside',
        labelNames: ['queue'],
        registers: [registry],
        async collect() {
            try {
                const l = await readLag();
                depth.set({ queue: 'ingest_log' }, l.rows);
                depth.set({ queue: 'ingest_log_failed' }, l.failed);
            }
            catch {
                // As above.
            }
        },
    });
    const { busCounts } = options;
    if (busCounts) {
        new Gauge({
            name: 'herald_bus_changes',
            help: 'Changes this node published to Redis and received from other nodes since start',
            labelNames: ['direction'],
            registers: [registry],
            collect() {
                const counts = busCounts();
                this.set({ direction: 'published' }, counts.published);
                this.set({ direction: 'received' }, counts.received);
            },
        });
    }
    app.get('/metrics', async (request, reply) => {
        if (options.token !== undefined) {
            const header = request.headers.authorization ?? '';
            const given = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? '';
            if (!safeEqual(given, options.token)) {
                throw new HeraldError('unauthorized', 'Send the metrics token as "Authorization: Bearer <token>"');
            }
        }
        reply.header('content-type', registry.contentType);
        reply.header('cache-control', 'no-store');
        return registry.metrics();
    });
    return registry;
}
//# sourceMappingURL=metrics.js.map