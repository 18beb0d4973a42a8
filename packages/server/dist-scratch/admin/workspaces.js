import { HeraldError } from '../errors.js';
const inAppSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
        enabled: { type: 'boolean' },
        anonymous: { type: 'boolean' },
        caps: {
            type: 'object',
            additionalProperties: false,
            properties: {
                perSession: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
                perDay: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
            },
        },
    },
};
const nameSchema = { type: 'string', minLength: 1, maxLength: 200 };
export const workspaceParams = {
    type: 'object',
    required: ['ws'],
    properties: { ws: { type: 'string', maxLength: 64 } },
};
/** Loads the `:ws` workspace or answers 404. */
export async function findWorkspace(store, id) {
    const workspace = await store.workspaces.get(id);
    if (!workspace)
        throw new HeraldError('not_found', `Workspace ${id} not found`, 'ws');
    return workspace;
}
/** Workspaces: create, list, read, change settings. */
export const workspaceRoutes = async (app, { store, onChange }) => {
    app.post('/workspaces', {
        schema: {
            body: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: {
                    name: nameSchema,
                    inApp: inAppSchema,
                    identityVerification: { type: 'boolean' },
                },
            },
        },
    }, async (request, reply) => {
        const { name, ...settings } = request.body;
        const workspace = await store.workspaces.create(name.trim() || name, settings);
        return reply.status(201).send(toJson(workspace));
    });
    app.get('/workspaces', async () => ({
        data: (await store.workspaces.list()).map(toJson),
    }));
    app.get('/workspaces/:ws', { schema: { params: workspaceParams } }, async (request) => toJson(await findWorkspace(store, request.params.ws)));
    app.patch('/workspaces/:ws', {
        schema: {
            params: workspaceParams,
            body: {
                type: 'object',
                additionalProperties: false,
                minProperties: 1,
                properties: {
                    name: nameSchema,
                    inApp: inAppSchema,
                    identityVerification: { type: 'boolean' },
                },
            },
        },
    }, async (request) => {
        await findWorkspace(store, request.params.ws);
        const updated = await store.workspaces.update(request.params.ws, request.body);
        onChange(request.params.ws);
        return toJson(updated);
    });
};
function toJson(workspace) {
    return {
        id: workspace.id,
        name: workspace.name,
        writeKey: workspace.writeKey,
        secretKey: workspace.secretKey,
        inApp: workspace.inApp,
        identityVerification: workspace.identityVerification,
        createdAt: new Date(workspace.createdAt).toISOString(),
        updatedAt: new Date(workspace.updatedAt).toISOString(),
    };
}
//# sourceMappingURL=workspaces.js.map