import { JobRunner } from '../jobs/runner.js';
import { prefixedId } from '../store/ids.js';
export const DAY_MS = 86_400_000;
/**
 * Queues a message for one person (visitor `u:<userId>`), in the caller's transaction. Answers
 * false when the dedupe key was queued already. An earlier entry of the same message that the
 * person never opened is withdrawn: the newest send (and its event) wins.
 */
export async function queueMessage(trx, request) {
    const visitor = `u:${request.userId}`;
    const id = prefixedId('q', 12);
    const result = await trx
        .insertInto('message_queue')
        .values({
        id,
        workspace_id: request.workspaceId,
        message_id: request.messageId,
        visitor,
        kind: request.kind,
        created_at: request.now,
        expires_at: request.expiresAt,
        consumed_at: null,
        source_id: request.sourceId,
        profile_id: request.profileId,
        payload: request.event ? JSON.stringify(request.event) : null,
        dedupe_key: request.dedupeKey,
        views: 0,
    })
        .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0)
        return false;
    await trx
        .updateTable('message_queue')
        .set({ withdrawn_at: request.now })
        .where('workspace_id', '=', request.workspaceId)
        .where('visitor', '=', visitor)
        .where('message_id', '=', request.messageId)
        .where('kind', '!=', 'test')
        .where('opened_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .where('id', '!=', id)
        .execute();
    return true;
}
/**
 * A campaign fired for one person: queued now, or after its delay by a durable job. Both are
 * keyed by the trigger, so the same event applied twice (it cannot be, but) sends once.
 */
export async function fireCampaign(trx, workspaceId, campaign, trigger, now) {
    const key = `c:${campaign.id}:${trigger.key}`;
    const delay = (campaign.definition.delaySeconds ?? 0) * 1000;
    if (delay > 0) {
        const scheduled = await JobRunner.schedule(trx, {
            kind: 'campaign.send',
            workspaceId,
            runAt: now + delay,
            key,
            payload: {
                campaignId: campaign.id,
                profileId: trigger.profileId,
                userId: trigger.userId,
                event: trigger.event ?? null,
            },
        });
        return scheduled ? 'scheduled' : 'repeat';
    }
    const queued = await queueMessage(trx, {
        workspaceId,
        messageId: campaign.messageId,
        kind: 'campaign',
        sourceId: campaign.id,
        profileId: trigger.profileId,
        userId: trigger.userId,
        event: trigger.event,
        expiresAt: now + (campaign.definition.expiresDays ?? 30) * DAY_MS,
        dedupeKey: key,
        now,
    });
    return queued ? 'queued' : 'repeat';
}
//# sourceMappingURL=sends.js.map