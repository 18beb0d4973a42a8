import type { Kysely, Selectable } from 'kysely';
import type { MessageQueueTable, Schema } from './schema.js';

type Entry = Selectable<MessageQueueTable>;

/** One alias merge, as the queue sees it (person-merge.ts). */
export interface QueueFold {
  workspaceId: string;
  /** The merged person's visitor keys other than `key`. */
  aliases: string[];
  /** `u:<canonical userId>` of the person. */
  key: string;
  /** The person's (surviving) profile. */
  profileId: string;
  at: number;
}

/**
 * Moves the queued entries (test sends, broadcasts, campaigns) under the merged person's other
 * userIds to their canonical key and surviving profile, in the merge's transaction:
 *
 * - a broadcast queues one entry per person, keyed `b:<broadcastId>:<profileId>` (jobs.ts). An
 *   entry of A takes B's key, so that a broadcast still sending does not queue B a second one.
 *   Where B has one already, the two are one send, folded into B's (queued at the earlier; views
 *   add up; opened, clicked and dismissed at the earliest; the later last view) and A's removed:
 *   it shows as often as its message's frequency allows for the person, and counts once in the
 *   figures;
 * - as when a new send is queued (campaigns/sends.ts), the newest entry of a message wins: the
 *   older ones nobody opened are withdrawn; of test sends, the newest unshown one stays.
 */
export async function foldQueue(trx: Kysely<Schema>, fold: QueueFold): Promise<void> {
  const { workspaceId, aliases, key, profileId } = fold;
  if (aliases.length === 0) return;
  const moved = await trx
    .selectFrom('message_queue')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('visitor', 'in', aliases)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (moved.length === 0) return;
  const dedupeKeyOf = ({ kind, dedupe_key: dedupe, profile_id: owner }: Entry) =>
    kind === 'broadcast' && owner !== null && dedupe?.endsWith(`:${owner}`)
      ? `${dedupe.slice(0, -owner.length)}${profileId}`
      : dedupe;
  const targets = moved.map(dedupeKeyOf).filter((k): k is string => k !== null);
  const sends = new Map<string, Entry>();
  if (targets.length > 0) {
    const existing = await trx
      .selectFrom('message_queue')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('dedupe_key', 'in', targets)
      .where('visitor', 'not in', aliases)
      .execute();
    for (const entry of existing) sends.set(entry.dedupe_key!, entry);
  }
  for (const entry of moved) {
    const dedupeKey = dedupeKeyOf(entry);
    const same = entry.kind === 'broadcast' && dedupeKey ? sends.get(dedupeKey) : undefined;
    if (same) {
      const folded = foldEntries(same, entry);
      await trx.deleteFrom('message_queue').where('id', '=', entry.id).execute();
      await trx.updateTable('message_queue').set(folded).where('id', '=', same.id).execute();
      sends.set(dedupeKey!, { ...same, ...folded });
      continue;
    }
    const changes = {
      visitor: key,
      profile_id: entry.profile_id === null ? null : profileId,
      dedupe_key: dedupeKey,
    };
    await trx.updateTable('message_queue').set(changes).where('id', '=', entry.id).execute();
    if (dedupeKey) sends.set(dedupeKey, { ...entry, ...changes });
  }
  await newestWins(trx, fold, [...new Set(moved.map((e) => e.message_id))]);
}

/** One entry from two entries of the same send to one person. */
function foldEntries(a: Entry, b: Entry) {
  const openedAt = earliest(a.opened_at, b.opened_at);
  return {
    created_at: Math.min(Number(a.created_at), Number(b.created_at)),
    expires_at: Math.min(Number(a.expires_at), Number(b.expires_at)),
    views: Number(a.views ?? 0) + Number(b.views ?? 0),
    opened_at: openedAt,
    last_viewed_at: latest(a.last_viewed_at, b.last_viewed_at),
    dismissed_at: earliest(a.dismissed_at, b.dismissed_at),
    clicked_at: earliest(a.clicked_at, b.clicked_at),
    // Withdrawn means withdrawn before it was opened: only if both were.
    withdrawn_at:
      openedAt === null && a.withdrawn_at !== null && b.withdrawn_at !== null
        ? earliest(a.withdrawn_at, b.withdrawn_at)
        : null,
  };
}

/**
 * Of the person's live entries of each of these messages, the newest wins: older broadcast and
 * campaign entries nobody opened are withdrawn, older unshown test sends removed.
 */
async function newestWins(trx: Kysely<Schema>, fold: QueueFold, messageIds: string[]) {
  const live = await trx
    .selectFrom('message_queue')
    .select(['id', 'message_id', 'kind', 'opened_at'])
    .where('workspace_id', '=', fold.workspaceId)
    .where('visitor', '=', fold.key)
    .where('message_id', 'in', messageIds)
    .where('withdrawn_at', 'is', null)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const newest = new Set<string>();
  const withdrawn: string[] = [];
  const removed: string[] = [];
  for (const entry of live) {
    const group = `${entry.kind === 'test' ? 't' : 's'}:${entry.message_id}`;
    if (!newest.has(group)) newest.add(group);
    else if (entry.kind === 'test') removed.push(entry.id);
    else if (entry.opened_at === null) withdrawn.push(entry.id);
  }
  if (withdrawn.length > 0) {
    await trx
      .updateTable('message_queue')
      .set({ withdrawn_at: fold.at })
      .where('id', 'in', withdrawn)
      .execute();
  }
  if (removed.length > 0) {
    await trx.deleteFrom('message_queue').where('id', 'in', removed).execute();
  }
}

/** The earlier of two times, either of which may be missing. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b === null ? null : Number(b);
  return b === null ? Number(a) : Math.min(Number(a), Number(b));
}

/** The later of two times, either of which may be missing. */
export function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b === null ? null : Number(b);
  return b === null ? Number(a) : Math.max(Number(a), Number(b));
}
