import { parseCampaignDefinition } from '../campaigns/definitions.js';
import { object, text } from '../http/fields.js';
import { CampaignRepository } from '../campaigns/repository.js';
import { HeraldError, invalid } from '../errors.js';
import { sendableMessage } from './broadcasts.js';
import { findWorkspace } from './workspaces.js';
/**
 * Event-triggered campaigns under `/workspaces/:ws/campaigns`: when a person performs an event
 * (with optional property filters) or enters a segment, queue a message for them, after an
 * optional delay. Active on creation; `stop` ends it and withdraws what was not opened, `start`
 * resumes it.
 */
export const campaignRoutes = async (app, { store, inApp }) => {
    const repository = new CampaignRepository(store.database.db);
    // Campaigns feed the ingest path's rules cache on every node.
    const changed = (workspaceId) => inApp.bus.publish({ kind: 'messages', workspaceId });
    const validTrigger = async (ws, definition) => {
        if (definition.trigger.type === 'segment_entered') {
            await repository.requireSegment(ws, definition.trigger.segmentId);
        }
        return definition;
    };
    app.post('/workspaces/:ws/campaigns', async (request, reply) => {
        const ws = request.params.ws;
        await findWorkspace(store, ws);
        const body = object(request.body ?? {}, 'body');
        const campaign = await repository.createCampaign(ws, {
            name: text(body.name, 'name', 200),
            messageId: await sendableMessage(store, ws, body.messageId),
            definition: await validTrigger(ws, parseCampaignDefinition(body)),
        });
        changed(ws);
        return reply.status(201).send(campaign);
    });
    app.get('/workspaces/:ws/campaigns', async (request) => {
        await findWorkspace(store, request.params.ws);
        return { data: await repository.campaigns(request.params.ws) };
    });
    app.get('/workspaces/:ws/campaigns/:id', async (request) => {
        await findWorkspace(store, request.params.ws);
        return found(await repository.campaign(request.params.ws, request.params.id), request.params.id);
    });
    app.patch('/workspaces/:ws/campaigns/:id', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        const current = found(await repository.campaign(ws, id), id);
        const body = object(request.body ?? {}, 'body');
        for (const key of Object.keys(body)) {
            if (!['name', 'trigger', 'delaySeconds', 'expiresDays'].includes(key)) {
                throw invalid(key, 'is not a field of a campaign that can be edited');
            }
        }
        const updated = await repository.updateCampaign(ws, id, {
            ...(body.name === undefined ? {} : { name: text(body.name, 'name', 200) }),
            definition: await validTrigger(ws, parseCampaignDefinition(body, current)),
        });
        changed(ws);
        return updated;
    });
    app.post('/workspaces/:ws/campaigns/:id/stop', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        await repository.stop('campaigns', ws, id);
        changed(ws);
        return repository.campaign(ws, id);
    });
    app.post('/workspaces/:ws/campaigns/:id/start', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        found(await repository.campaign(ws, id), id);
        const campaign = await repository.updateCampaign(ws, id, { status: 'active' });
        changed(ws);
        return campaign;
    });
};
function found(value, id) {
    if (value === undefined)
        throw new HeraldError('not_found', `Campaign ${id} not found`, 'id');
    return value;
}
//# sourceMappingURL=campaigns.js.map