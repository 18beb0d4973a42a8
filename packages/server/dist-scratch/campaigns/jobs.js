import { readJson } from '../store/json.js';
import { applyChanges, reevaluate } from './membership.js';
import { loadRules } from './rules.js';
import { DAY_MS, queueMessage } from './sends.js';
/** People per job run: one transaction's worth, so that a big segment never holds the database. */
const CHUNK = 500;
/** How often segments whose answer changes with time alone are re-evaluated. */
export const REFRESH_EVERY_MS = 3_600_000;
/** The campaign jobs: broadcasts, delayed campaign sends, segment builds and time refreshes. */
export function registerCampaignJobs(runner, bus) {
    const announce = (workspaceId, visitors) => () => {
        for (const visitor of visitors)
            bus.publish({ kind: 'visitor', workspaceId, visitor });
    };
    runner.register('broadcast.send', async ({ trx, job, now, afterCommit }) => {
        const broadcast = await trx
            .selectFrom('broadcasts')
            .selectAll()
            .where('id', '=', job.payload.broadcastId)
            .executeTakeFirst();
        if (!broadcast || broadcast.status === 'stopped' || broadcast.status === 'sent')
            return;
        const members = await trx
            .selectFrom('segment_members')
            .innerJoin('profiles', 'profiles.id', 'segment_members.profile_id')
            .select(['profiles.id', 'profiles.user_id'])
            .where('segment_members.segment_id', '=', broadcast.segment_id)
            .$if(job.payload.after !== undefined, (q) => q.where('segment_members.profile_id', '>', job.payload.after))
            .orderBy('segment_members.profile_id')
            .limit(CHUNK)
            .execute();
        const visitors = [];
        for (const member of members) {
            const queued = await queueMessage(trx, {
                workspaceId: broadcast.workspace_id,
                messageId: broadcast.message_id,
                kind: 'broadcast',
                sourceId: broadcast.id,
                profileId: member.id,
                userId: member.user_id,
                expiresAt: now + broadcast.expires_days * DAY_MS,
                dedupeKey: `b:${broadcast.id}:${member.id}`,
                now,
            });
            if (queued)
                visitors.push(`u:${member.user_id}`);
        }
        afterCommit(announce(broadcast.workspace_id, visitors));
        if (members.length === CHUNK) {
            await trx
                .updateTable('broadcasts')
                .set({ status: 'sending' })
                .where('id', '=', broadcast.id)
                .execute();
            return { runAt: now, payload: { broadcastId: broadcast.id, after: members.at(-1).id } };
        }
        await trx
            .updateTable('broadcasts')
            .set({ status: 'sent', sent_at: now })
            .where('id', '=', broadcast.id)
            .execute();
    });
    runner.register('campaign.send', async ({ trx, job, now, afterCommit }) => {
        const campaign = await trx
            .selectFrom('campaigns')
            .selectAll()
            .where('id', '=', job.payload.campaignId)
            .executeTakeFirst();
        // A campaign stopped during the delay sends nothing more.
        if (!campaign || campaign.status !== 'active')
            return;
        const definition = readJson(campaign.definition, {});
        const queued = await queueMessage(trx, {
            workspaceId: campaign.workspace_id,
            messageId: campaign.message_id,
            kind: 'campaign',
            sourceId: campaign.id,
            profileId: job.payload.profileId,
            userId: job.payload.userId,
            event: job.payload.event ?? undefined,
            expiresAt: now + (definition.expiresDays ?? 30) * DAY_MS,
            dedupeKey: `c:${campaign.id}:job:${job.id}`,
            now,
        });
        if (queued)
            afterCommit(announce(campaign.workspace_id, [`u:${job.payload.userId}`]));
    });
    // A new or edited segment: everyone of the workspace is evaluated against it, in chunks.
    runner.register('segment.rebuild', async ({ trx, job, now, afterCommit }) => {
        const segment = await trx
            .selectFrom('segments')
            .select(['workspace_id'])
            .where('id', '=', job.payload.segmentId)
            .executeTakeFirst();
        if (!segment)
            return;
        const rules = await loadRules(trx, segment.workspace_id);
        const rule = rules.segments.find((s) => s.id === job.payload.segmentId);
        if (!rule)
            return;
        const next = await evaluateChunk(trx, segment.workspace_id, job.payload.after, [rule], rules, now, afterCommit, announce);
        if (next)
            return { runAt: now, payload: { segmentId: rule.id, after: next } };
    });
    // Relative dates and event windows change with time alone: re-evaluated hourly, in chunks.
    runner.every('segments.refresh', REFRESH_EVERY_MS, async (context) => {
        const { trx, now, afterCommit } = context;
        const payload = context.job.payload;
        let workspaceId = payload.workspaceId;
        if (workspaceId === undefined) {
            const first = await nextWorkspace(trx, undefined);
            if (!first)
                return;
            workspaceId = first;
        }
        const rules = await loadRules(trx, workspaceId);
        const segments = rules.segments.filter((s) => s.timeDependent);
        const next = segments.length > 0
            ? await evaluateChunk(trx, workspaceId, payload.after, segments, rules, now, afterCommit, announce)
            : undefined;
        if (next)
            return { runAt: now, payload: { workspaceId, after: next } };
        const following = await nextWorkspace(trx, workspaceId);
        if (following)
            return { runAt: now, payload: { workspaceId: following } };
        return undefined;
    });
}
async function nextWorkspace(trx, after) {
    const row = await trx
        .selectFrom('segments')
        .select('workspace_id')
        .$if(after !== undefined, (q) => q.where('workspace_id', '>', after))
        .orderBy('workspace_id')
        .limit(1)
        .executeTakeFirst();
    return row?.workspace_id;
}
/** Evaluates one chunk of a workspace's people; answers the cursor for the next, if any. */
async function evaluateChunk(trx, workspaceId, after, segments, rules, now, afterCommit, announce) {
    const people = await trx
        .selectFrom('profiles')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .$if(after !== undefined, (q) => q.where('id', '>', after))
        .orderBy('id')
        .limit(CHUNK)
        .execute();
    const ids = people.map((p) => p.id);
    const changes = await reevaluate(trx, workspaceId, ids, segments, now);
    const visitors = await applyChanges(trx, workspaceId, rules, changes, now);
    afterCommit(announce(workspaceId, visitors));
    return ids.length === CHUNK ? ids.at(-1) : undefined;
}
//# sourceMappingURL=jobs.js.map