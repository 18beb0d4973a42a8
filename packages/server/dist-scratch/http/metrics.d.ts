import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import type { StreamHub } from '../inapp/stream.js';
import type { IngestProcessor } from '../tracking/processor.js';
export interface MetricsOptions {
    hub: StreamHub;
    ingest: IngestProcessor;
    /** When set, a scrape must send `Authorization: Bearer <token>`; otherwise /metrics is open. */
    token?: string | undefined;
    /**
     * Process metrics (CPU, memory, event loop lag, GC). Off in tests that build many apps in one
     * process: each collector installs its own observers for the life of the process.
     */
    processMetrics?: boolean;
    /** Changes published and received over Redis, when the bus counts them. */
    busCounts?: () => {
        published: number;
        received: number;
    };
}
/**
 * Prometheus metrics at `GET /metrics`: request rates and latencies by route pattern (never the
 * raw URL, so the label count stays bounded whatever clients send), ingest lag, open SSE streams
 * and the job queue depth, plus Node's process metrics. One registry per app, so that several
 * apps in one process (tests) do not collide.
 */
export declare function installMetrics(app: FastifyInstance, options: MetricsOptions): Registry;
//# sourceMappingURL=metrics.d.ts.map