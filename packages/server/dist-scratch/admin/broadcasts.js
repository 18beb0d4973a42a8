import { integer, object, text } from '../http/fields.js';
import { CampaignRepository } from '../campaigns/repository.js';
import { HeraldError, invalid } from '../errors.js';
import { findWorkspace } from './workspaces.js';
/**
 * Broadcasts under `/workspaces/:ws/broadcasts`: one message, now or at `sendAt`, to everyone in
 * a segment at that time. Each member gets it in their queue, shown at their next eligible page,
 * for `expiresDays` (default 30). `stop` sends nothing more and withdraws what was not opened.
 */
export const broadcastRoutes = async (app, { store, inApp }) => {
    const repository = new CampaignRepository(store.database.db);
    app.post('/workspaces/:ws/broadcasts', async (request, reply) => {
        const ws = request.params.ws;
        await findWorkspace(store, ws);
        const body = object(request.body ?? {}, 'body');
        const messageId = await sendableMessage(store, ws, body.messageId);
        const segmentId = text(body.segmentId, 'segmentId', 64);
        await repository.requireSegment(ws, segmentId);
        let sendAt = Date.now();
        if (body.sendAt !== undefined && body.sendAt !== null) {
            const at = typeof body.sendAt === 'string' ? Date.parse(body.sendAt) : NaN;
            if (!Number.isFinite(at))
                throw invalid('sendAt', 'must be an ISO 8601 date, or null for now');
            sendAt = Math.max(at, sendAt);
        }
        const broadcast = await repository.createBroadcast(ws, {
            name: body.name === undefined ? 'Broadcast' : text(body.name, 'name', 200),
            messageId,
            segmentId,
            sendAt,
            expiresDays: integer(body.expiresDays ?? 30, 'expiresDays', 1, 365),
        });
        app.jobs.wake();
        return reply.status(201).send(broadcast);
    });
    app.get('/workspaces/:ws/broadcasts', async (request) => {
        await findWorkspace(store, request.params.ws);
        return { data: await repository.broadcasts(request.params.ws) };
    });
    app.get('/workspaces/:ws/broadcasts/:id', async (request) => {
        await findWorkspace(store, request.params.ws);
        const broadcast = await repository.broadcast(request.params.ws, request.params.id);
        if (!broadcast)
            throw new HeraldError('not_found', `Broadcast ${request.params.id} not found`, 'id');
        return broadcast;
    });
    app.post('/workspaces/:ws/broadcasts/:id/stop', async (request) => {
        const { ws, id } = request.params;
        await findWorkspace(store, ws);
        await repository.stop('broadcasts', ws, id);
        // Every visitor's answer may have lost an entry: a workspace-wide change renews every ETag.
        inApp.bus.publish({ kind: 'messages', workspaceId: ws });
        return repository.broadcast(ws, id);
    });
};
/**
 * A message a broadcast or campaign may send: it exists, is for identified people (it is queued
 * for a userId; Liquid may use their traits), and is not archived.
 */
export async function sendableMessage(store, workspaceId, value) {
    const messageId = text(value, 'messageId', 64);
    const message = await store.messages.get(workspaceId, messageId);
    if (!message)
        throw new HeraldError('not_found', `Message ${messageId} not found`, 'messageId');
    if (message.audience.type !== 'identified') {
        throw invalid('messageId', 'must name a message whose audience is identified');
    }
    if (message.status === 'archived') {
        throw new HeraldError('invalid_transition', 'An archived message cannot be sent', 'messageId');
    }
    return messageId;
}
//# sourceMappingURL=broadcasts.js.map