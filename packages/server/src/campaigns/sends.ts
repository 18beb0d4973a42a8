import type { Kysely } from 'kysely';
import { JobRunner } from '../jobs/runner.js';
import type { DialectName } from '../store/dialect.js';
import { prefixedId } from '../store/ids.js';
import type { QueueKind, Schema } from '../store/schema.js';
import { lockRun } from './locks.js';
import type { CampaignRule } from './rules.js';

export const DAY_MS = 86_400_000;

export interface QueueRequest {
  workspaceId: string;
  messageId: string;
  kind: Exclude<QueueKind, 'test'>;
  sourceId: string;
  profileId: string;
  userId: string;
  /** The triggering event's properties (Liquid's `event`). */
  event?: Record<string, unknown> | undefined;
  expiresAt: number;
  /** Unique per workspace: the same send is never written twice, whoever tries. */
  dedupeKey: string;
  now: number;
}

/**
 * Queues a message for one person (visitor `u:<userId>`), in the caller's transaction: `userId`
 * must be their canonical userId, read under their lock ({@link recipientOf}; the ingest
 * path holds it already), or the entry lands where no page of theirs reads it. Answers
 * false when the dedupe key was queued already. An earlier entry of the same message that the
 * person never opened is withdrawn: the newest send (and its event) wins.
 */
export async function queueMessage(trx: Kysely<Schema>, request: QueueRequest): Promise<boolean> {
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
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
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

/** Who a send goes to: a profile and its canonical userId (`profiles.user_id`). */
export interface Recipient {
  profileId: string;
  userId: string;
}

/**
 * The person a send for `userId` (canonical or merged in by alias) goes to now, for a job to
 * queue it in its own transaction: their profile and canonical userId, as an alias merge
 * defines them (store/person-merge.ts). On PostgreSQL their profile row is locked until the
 * transaction ends, so that a merge (or an erasure) of the person waits for the send, and a
 * send waits for none: it answers `'busy'` when another transaction holds the person (or
 * merged them away since the lookup), for the job to try again shortly (campaigns/locks.ts).
 * Answers undefined when nobody has the userId any more (erased).
 */
export async function recipientOf(
  trx: Kysely<Schema>,
  dialect: DialectName,
  workspaceId: string,
  userId: string,
): Promise<Recipient | 'busy' | undefined> {
  const row = await trx
    .selectFrom('identities')
    .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
    .select(['profiles.id', 'profiles.user_id'])
    .where('identities.workspace_id', '=', workspaceId)
    .where('identities.kind', '=', 'user')
    .where('identities.value', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Held, the row is the person's: a merge deletes or updates it, so it waits for us.
  if ((await lockRun(trx, dialect, [row.id])).length === 0) return 'busy';
  return { profileId: row.id, userId: row.user_id };
}

export interface Trigger {
  profileId: string;
  userId: string;
  /** Unique per trigger occurrence within the campaign (the event's messageId…). */
  key: string;
  event?: Record<string, unknown>;
}

/**
 * A campaign fired for one person: queued now, or after its delay by a durable job. Both are
 * keyed by the trigger, so the same event applied twice (it cannot be, but) sends once.
 */
export async function fireCampaign(
  trx: Kysely<Schema>,
  workspaceId: string,
  campaign: CampaignRule,
  trigger: Trigger,
  now: number,
): Promise<'queued' | 'scheduled' | 'repeat'> {
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
