import type { Kysely } from 'kysely';
import type { ChangeBus } from '../inapp/bus.js';
import type { JobRunner } from '../jobs/runner.js';
import type { DialectName } from '../store/dialect.js';
import { readJson } from '../store/json.js';
import { personKeys } from '../store/person-merge.js';
import type { Schema } from '../store/schema.js';
import type { CampaignDefinition } from './definitions.js';
import { lockRun } from './locks.js';
import { DAY_MS, queueMessage, recipientOf } from './sends.js';

/** People per job run: one transaction's worth, so that a big segment never holds the database. */
const CHUNK = 500;
/** How soon a send finding its person locked (by ingest, a merge, an erasure) tries again. */
const RETRY_LOCKED_MS = 200;

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

/**
 * The sending jobs: broadcasts and delayed campaign sends (segment jobs: segment-jobs.ts).
 *
 * A send queues under the person's canonical userId as it is in the job's own transaction, with
 * their profile locked on PostgreSQL (sends.ts, recipientOf; for broadcasts the chunk's
 * profiles, locks.ts, lockRun): an alias merge of the person either commits before (the send
 * finds the survivor) or waits for the send (and folds its entry, store/queue-merge.ts). A send
 * never waits for a person: a locked one is left for a run shortly after. Every userId of the
 * person is then told (store/person-merge.ts, personKeys).
 */
export function registerCampaignJobs(
  runner: JobRunner,
  bus: ChangeBus,
  dialect: DialectName,
): void {
  const announce = async (trx: Kysely<Schema>, workspaceId: string, visitors: string[]) => {
    const keys = visitors.length === 0 ? [] : await personKeys(trx, workspaceId, visitors);
    return () => {
      for (const visitor of keys) bus.publish({ kind: 'visitor', workspaceId, visitor });
    };
  };

  runner.register<BroadcastPayload>('broadcast.send', async ({ trx, job, now, afterCommit }) => {
    const broadcast = await trx
      .selectFrom('broadcasts')
      .selectAll()
      .where('id', '=', job.payload.broadcastId)
      .executeTakeFirst();
    if (!broadcast || broadcast.status === 'stopped' || broadcast.status === 'sent') return;
    const listed = await trx
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
    // The people this run may send to: locked, so still themselves (a profile's user_id is its
    // canonical userId for as long as it exists). A merged-away one ends the run: its
    // membership is the survivor's by the next run.
    const run = await lockRun(
      trx,
      dialect,
      listed.map((m) => m.id),
    );
    const members = listed.slice(0, run.length);
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
    afterCommit(await announce(trx, broadcast.workspace_id, visitors));
    if (members.length < listed.length || listed.length === CHUNK) {
      await trx
        .updateTable('broadcasts')
        .set({ status: 'sending' })
        .where('id', '=', broadcast.id)
        .execute();
      const after = members.at(-1)?.id ?? job.payload.after;
      return {
        runAt: members.length === 0 ? now + RETRY_LOCKED_MS : now,
        payload: { broadcastId: broadcast.id, ...(after === undefined ? {} : { after }) },
      };
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
    // The person now: a merge since the trigger makes it the survivor; erased, nobody.
    const recipient = await recipientOf(trx, dialect, campaign.workspace_id, job.payload.userId);
    if (recipient === 'busy') return { runAt: now + RETRY_LOCKED_MS };
    if (!recipient) return;
    const definition = readJson<CampaignDefinition>(campaign.definition, {} as CampaignDefinition);
    const queued = await queueMessage(trx, {
      workspaceId: campaign.workspace_id,
      messageId: campaign.message_id,
      kind: 'campaign',
      sourceId: campaign.id,
      profileId: recipient.profileId,
      userId: recipient.userId,
      event: job.payload.event ?? undefined,
      expiresAt: now + (definition.expiresDays ?? 30) * DAY_MS,
      dedupeKey: `c:${campaign.id}:job:${job.id}`,
      now,
    });
    if (queued) {
      afterCommit(await announce(trx, campaign.workspace_id, [`u:${recipient.userId}`]));
    }
  });
}
