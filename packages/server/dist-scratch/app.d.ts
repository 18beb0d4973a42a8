import { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type ChangeBus } from './inapp/bus.js';
import type { Store } from './store/index.js';
import { IngestProcessor } from './tracking/processor.js';
export interface AppOptions {
    store: Store;
    masterKey: string;
    /** Tracking requests per second per workspace on this node; 0 = no limit. Default 5,000. */
    ingestRateLimit?: number;
    logger?: FastifyServerOptions['logger'];
    /** Carries changes between nodes (Redis); in-process by default. */
    bus?: ChangeBus;
    /**
     * On close, how long the ingest processor keeps draining the log before it stops; what is left
     * stays in the log for the next start. Default 10 s.
     */
    shutdownDrainMs?: number;
    /** `/metrics`: its bearer token (unset: open), and whether to add Node's process metrics. */
    metrics?: {
        token?: string | undefined;
        processMetrics?: boolean;
    };
}
/**
 * Builds the Herald HTTP app on an open store. It does not listen: `main.ts` does, and tests
 * listen on an ephemeral port.
 *
 * @example
 * const app = await buildApp({ store: await openStore({ dataDir }), masterKey });
 * await app.listen({ port: 8080 });
 */
export declare function buildApp(options: AppOptions): Promise<FastifyInstance>;
declare module 'fastify' {
    interface FastifyInstance {
        /** The ingest processor: settled() for read-your-writes, lag() for metrics. */
        ingest: IngestProcessor;
    }
}
//# sourceMappingURL=app.d.ts.map