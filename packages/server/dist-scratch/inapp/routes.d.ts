import type { FastifyPluginAsync } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import type { Store } from '../store/index.js';
import type { RateLimiter } from '../tracking/rate-limit.js';
import type { DeliveryService } from './delivery.js';
import type { StreamHub } from './stream.js';
export interface InAppRouteOptions {
    store: Store;
    writeKeys: WriteKeyResolver;
    delivery: DeliveryService;
    hub: StreamHub;
    limiter: RateLimiter;
}
/**
 * The SDK-facing in-app API under `/v1/in-app` (docs/protocol.md): the visitor's messages, a live
 * stream of hints, and the intake of what the visitor did with the messages.
 *
 * Reads take the write key and visitor in the query string, so that a browser sends them as
 * simple requests (no CORS preflight) and revalidates them with its own HTTP cache (ETag).
 */
export declare const inAppRoutes: FastifyPluginAsync<InAppRouteOptions>;
//# sourceMappingURL=routes.d.ts.map