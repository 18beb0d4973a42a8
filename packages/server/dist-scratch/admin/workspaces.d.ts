import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/index.js';
import type { Workspace } from '../store/workspaces.js';
export declare const workspaceParams: {
    readonly type: "object";
    readonly required: readonly ["ws"];
    readonly properties: {
        readonly ws: {
            readonly type: "string";
            readonly maxLength: 64;
        };
    };
};
/** Loads the `:ws` workspace or answers 404. */
export declare function findWorkspace(store: Store, id: string): Promise<Workspace>;
export interface WorkspaceRouteOptions {
    store: Store;
    /** Called after a workspace's settings change, so that caches and open pages learn of it. */
    onChange: (workspaceId: string) => void;
}
/** Workspaces: create, list, read, change settings. */
export declare const workspaceRoutes: FastifyPluginAsync<WorkspaceRouteOptions>;
//# sourceMappingURL=workspaces.d.ts.map