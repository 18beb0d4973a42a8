import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/index.js';
/**
 * `POST /workspaces/:ws/keys/:kind/rotate` (kind `write` or `secret`): revokes the workspace's
 * key of that kind and issues a new one; answers `{kind, key}`. A leaked write key stops working
 * within seconds (the ingest path caches keys briefly); sites must then paste the new snippet.
 */
export declare const keyRoutes: FastifyPluginAsync<{
    store: Store;
    /** Called after a rotation: delivery IDs are signed with the secret key. */
    onChange: (workspaceId: string) => void;
}>;
//# sourceMappingURL=keys.d.ts.map