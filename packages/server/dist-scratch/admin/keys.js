import { HeraldError } from '../errors.js';
import { findWorkspace, workspaceParams } from './workspaces.js';
/**
 * `POST /workspaces/:ws/keys/:kind/rotate` (kind `write` or `secret`): revokes the workspace's
 * key of that kind and issues a new one; answers `{kind, key}`. A leaked write key stops working
 * within seconds (the ingest path caches keys briefly); sites must then paste the new snippet.
 */
export const keyRoutes = async (app, { store, onChange }) => {
    app.post('/workspaces/:ws/keys/:kind/rotate', {
        schema: {
            params: {
                type: 'object',
                required: ['ws', 'kind'],
                properties: {
                    ...workspaceParams.properties,
                    kind: { type: 'string', enum: ['write', 'secret'] },
                },
            },
        },
    }, async (request) => {
        const { ws, kind } = request.params;
        await findWorkspace(store, ws);
        const key = await store.workspaces.rotateKey(ws, kind);
        if (!key)
            throw new HeraldError('not_found', `Workspace ${ws} not found`, 'ws');
        onChange(ws);
        return { kind, key };
    });
};
//# sourceMappingURL=keys.js.map