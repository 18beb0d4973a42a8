import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
/**
 * `GET /workspaces/:ws/people?q=&limit=`: people whose userId or email starts with `q` (any
 * case), or who have `q` as an anonymous ID; without `q`, the people seen most recently.
 * Answers `{data: [{userId, email, traits, lastSeenAt}]}`, most recently seen first.
 */
export declare const peopleSearchRoutes: FastifyPluginAsync<{
    store: Store;
    ingest: ReadYourWrites;
}>;
//# sourceMappingURL=people-search.d.ts.map