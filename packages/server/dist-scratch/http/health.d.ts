import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';
export interface HealthOptions {
    store: Store;
    /** Checks the bus reaches the other nodes (Redis PING); absent for the in-process bus. */
    pingBus?: (() => Promise<void>) | undefined;
    /** True once a graceful shutdown started: the load balancer must stop sending traffic. */
    draining: () => boolean;
}
/**
 * `GET /healthz`: the process is alive and serving HTTP (a liveness probe: restart it if not).
 * `GET /readyz`: it can do its work: the database (and Redis in cluster mode) answer, and it is
 * not draining. 503 with the failing checks otherwise (a readiness probe: route elsewhere).
 */
export declare function healthRoutes(app: FastifyInstance, options: HealthOptions): void;
//# sourceMappingURL=health.d.ts.map