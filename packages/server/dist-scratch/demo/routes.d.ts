import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/index.js';
export interface DemoRoutesOptions {
    store: Store;
}
/**
 * Serves the demo site at /demo (a few pages and a single-page section at /demo/app/*), with the
 * "Demo" workspace's write key filled in. The write key is public: it is in every page anyway.
 *
 * @example
 * await app.register(demoRoutes, { store });
 */
export declare const demoRoutes: FastifyPluginAsync<DemoRoutesOptions>;
//# sourceMappingURL=routes.d.ts.map