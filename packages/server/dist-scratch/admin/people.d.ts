import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
/**
 * People and their activity: `/workspaces/:ws/people/:userId` for a person (by any of their
 * userIds), `/workspaces/:ws/anonymous/:anonymousId` for an anonymous visitor.
 */
export declare const peopleRoutes: FastifyPluginAsync<{
    store: Store;
    ingest: ReadYourWrites;
}>;
//# sourceMappingURL=people.d.ts.map