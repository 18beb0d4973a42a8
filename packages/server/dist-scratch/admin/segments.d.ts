import type { FastifyPluginAsync } from 'fastify';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
/**
 * Segments under `/workspaces/:ws/segments`: conditions on traits and events in AND/OR groups.
 * Membership is built by a job when a segment is created or its conditions change, then kept up
 * to date as calls arrive; `members` is a live count.
 */
export declare const segmentRoutes: FastifyPluginAsync<{
    store: Store;
    inApp: InApp;
    ingest: ReadYourWrites;
}>;
//# sourceMappingURL=segments.d.ts.map