import type { FastifyInstance } from 'fastify';
import type { ChangeBus } from '../inapp/bus.js';
import { JobRunner } from '../jobs/runner.js';
import type { Store } from '../store/index.js';
/**
 * Segments, broadcasts and campaigns on one node: the ingest effect that keeps membership up to
 * date and fires triggers, and the durable job runner (broadcasts, delays, segment builds,
 * hourly refresh of time-relative segments). Started with the app, stopped when it closes:
 * a job under way finishes (or rolls back whole) first.
 *
 * @example
 * startCampaigns(app, store, bus); // in buildApp, after createInApp
 */
export declare function startCampaigns(app: FastifyInstance, store: Store, bus: ChangeBus): JobRunner;
declare module 'fastify' {
    interface FastifyInstance {
        /** The durable job runner: runDue() in tests, wake() after scheduling something due now. */
        jobs: JobRunner;
    }
}
//# sourceMappingURL=index.d.ts.map