import type { FastifyPluginAsync } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import type { Store } from '../store/index.js';
import type { RateLimiter } from './rate-limit.js';
export interface TrackingOptions {
    store: Store;
    writeKeys: WriteKeyResolver;
    /** The per-workspace request limit of this node. */
    limiter: RateLimiter;
}
/**
 * The Segment-compatible tracking API under `/v1`. A request is checked whole (a 400 stores
 * nothing of it), then appended as received to the ingest log; the 200 is sent once that append
 * is committed, so the SDK may forget the calls. The ingest processor turns logged requests into
 * events shortly after (see processor.ts).
 */
export declare const trackingRoutes: FastifyPluginAsync<TrackingOptions>;
//# sourceMappingURL=routes.d.ts.map