import type { ChangeBus } from '../inapp/bus.js';
import type { JobRunner } from '../jobs/runner.js';
import { readJson } from '../store/json.js';
import type { CampaignDefinition } from './definitions.js';
import { DAY_MS, queueMessage } from './sends.js';

/** People per job run: one transaction's worth, so that a big segment never holds the database. */
const CHUNK = 500;

interface BroadcastPayload {
  broadcastId: string;
  after?: string;
}
interface CampaignPayload {
  campaignId: string;
  profileId: string;
  userId: string;
  event: Record<string, unknown> | null;
}

/** The sending jobs: broadcasts and delayed campaign sends (segment jobs: segment-jobs.ts). */
export function registerCampaignJobs(runner: JobRunner, bus: ChangeBus): void {
  const announce = (workspaceId: string, visitors: Iterable<string>) => () => {
    for (const visitor of visitors) bus.publish({ kind: 'visitor', workspaceId, visitor });
  };

  runner.register<BroadcastPayload>('broadcast.send', async ({ trx, job, now, afterCommit }) => {
    const broadcast = await trx
      .selectFrom('broadcasts')
      .selectAll()
      .where('id', '=', job.payload.broadcastId)
      .executeTakeFirst();
    if (!broadcast || broadcast.status === 'stopped' || broadcast.status === 'sent') return;
    const members = await trx
      .selectFrom('segment_members')
      .innerJoin('profiles', 'profiles.id', 'segment_members.profile_id')
      .select(['profiles.id', 'profiles.user_id'])
      .where('segment_members.segment_id', '=', broadcast.segment_id)
      .$if(job.payload.after !== undefined, (q) =>
        q.where('segment_members.profile_id', '>', job.payload.after!),
      )
      .orderBy('segment_members.profile_id')
      .limit(CHUNK)
      .execute();
    const visitors: string[] = [];
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
      if (queued) visitors.push(`u:${member.user_id}`);
    }
    afterCommit(announce(broadcast.workspace_id, visitors));
    if (members.length === CHUNK) {
      await trx
        .updateTable('broadcasts')
        .set({ status: 'sending' })
        .where('id', '=', broadcast.id)
        .execute();
      return { runAt: now, payload: { broadcastId: broadcast.id, after: members.at(-1)!.id } };
    }
    await trx
      .updateTable('broadcasts')
      .set({ status: 'sent', sent_at: now })
      .where('id', '=', broadcast.id)
      .execute();
  });

  runner.register<CampaignPayload>('campaign.send', async ({ trx, job, now, afterCommit }) => {
    const campaign = await trx
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', job.payload.campaignId)
      .executeTakeFirst();
    // A campaign stopped during the delay sends nothing more.
    if (!campaign || campaign.status !== 'active') return;
    const definition = readJson<CampaignDefinition>(campaign.definition, {} as CampaignDefinition);
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
    if (queued) afterCommit(announce(campaign.workspace_id, [`u:${job.payload.userId}`]));
  });
}
