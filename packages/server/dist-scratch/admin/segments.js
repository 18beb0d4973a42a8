import { parseSegmentDefinition } from '../campaigns/definitions.js';
import { object, text } from '../http/fields.js';
import { CampaignRepository } from '../campaigns/repository.js';
import { findWorkspace } from './workspaces.js';
/**
 * Segments under `/workspaces/:ws/segments`: conditions on traits and events in AND/OR groups.
 * Membership is built by a job when a segment is created or its conditions change, then kept up
 * to date as calls arrive; `members` is a live count.
 */
export const segmentRoutes = async (app, { store, inApp, ingest }) => {
    const repository = new CampaignRepository(store.database.db);
    // Segments feed the ingest path's rules cache on every node.
    const changed = (workspaceId) => {
        inApp.bus.publish({ kind: 'messages', workspaceId });
        app.jobs.wake();
    };
    app.post('/workspaces/:ws/segments', async (request, reply) => {
        await findWorkspace(store, request.params.ws);
        const body = object(request.body ?? {}, 'body');
        const segment = await repository.createSegment(request.params.ws, text(body.name, 'name', 200), parseSegmentDefinition(body.conditions));
        changed(request.params.ws);
        return reply.status(201).send(segment);
    });
    app.get('/workspaces/:ws/segments', async (request) => {
        await findWorkspace(store, request.params.ws);
        await ingest.settled();
        return { data: await repository.segments(request.params.ws) };
    });
    app.get('/workspaces/:ws/segments/:id', async (request) => {
        await findWorkspace(store, request.params.ws);
        await ingest.settled();
        return repository.requireSegment(request.params.ws, request.params.id);
    });
    app.get('/workspaces/:ws/segments/:id/members', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        await repository.requireSegment(ws, id);
        await ingest.settled();
        const limit = Math.min(Math.max(Number(request.query.limit) || 100, 1), 1000);
        return { data: await repository.members(ws, id, limit) };
    });
    app.patch('/workspaces/:ws/segments/:id', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        const body = object(request.body ?? {}, 'body');
        const segment = await repository.updateSegment(ws, id, {
            ...(body.name === undefined ? {} : { name: text(body.name, 'name', 200) }),
            ...(body.conditions === undefined
                ? {}
                : { conditions: parseSegmentDefinition(body.conditions) }),
        });
        changed(ws);
        return segment;
    });
    app.delete('/workspaces/:ws/segments/:id', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        await repository.deleteSegment(ws, id);
        changed(ws);
        return { deleted: true, id };
    });
};
//# sourceMappingURL=segments.js.map