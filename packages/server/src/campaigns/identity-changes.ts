import type { Kysely } from 'kysely';
import type { IdentityLink, ProfileMerge } from '../store/ingest-effect.js';
import { readJson } from '../store/json.js';
import type { Schema } from '../store/schema.js';
import { countAnonymousHistory, mergeCounters } from './counters.js';
import { mergeMemberships } from './membership.js';
import type { Counter } from './rules.js';

/**
 * What identity resolution's changes mean for segments, applied in the ingest transaction after
 * it (identity.ts) and before the batch's track calls are counted (effect.ts):
 *
 * - alias merged profile A into B: A's counters are added to B's and A's memberships move to B,
 *   so that B's counters and memberships reflect both at once; B is then re-evaluated. A's
 *   delayed campaign sends still waiting (`campaign.send` jobs) become B's and queue for B when
 *   due. A's message states, queued entries and conversions moved with the merge itself
 *   (store/person-merge.ts);
 * - an anonymous ID was linked to a person for the first time: its earlier track calls, which
 *   counted for nobody, now count for the person.
 */

/**
 * Folds each merged-away profile into the one it merged into, in order. Answers the profiles
 * that absorbed others and still exist (a chain A → B → C answers C).
 */
export async function absorbMerges(
  trx: Kysely<Schema>,
  workspaceId: string,
  merges: ProfileMerge[],
): Promise<Set<string>> {
  const survivors = new Set<string>();
  for (const { fromId, intoId } of merges) {
    await mergeCounters(trx, workspaceId, fromId, intoId);
    await mergeMemberships(trx, fromId, intoId);
    await moveDelayedSends(trx, workspaceId, fromId);
    survivors.delete(fromId);
    survivors.add(intoId);
  }
  return survivors;
}

/**
 * Gives the delayed campaign sends of merged-away profile `fromId` that are still waiting to the
 * person its userIds belong to now (at the end of the batch: a chain A → B → C gives them to C),
 * so that they queue for that person, under their key, when due.
 */
async function moveDelayedSends(
  trx: Kysely<Schema>,
  workspaceId: string,
  fromId: string,
): Promise<void> {
  const jobs = await trx
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('kind', '=', 'campaign.send')
    .where('workspace_id', '=', workspaceId)
    // A cheap filter on the JSON text; the payload itself decides below.
    .where('payload', 'like', `%${JSON.stringify(fromId)}%`)
    .execute();
  for (const job of jobs) {
    const payload = readJson<DelayedSend>(job.payload, {} as DelayedSend);
    if (payload.profileId !== fromId) continue;
    const person = await trx
      .selectFrom('identities')
      .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
      .select(['profiles.id', 'profiles.user_id'])
      .where('identities.workspace_id', '=', workspaceId)
      .where('identities.kind', '=', 'user')
      .where('identities.value', '=', payload.userId)
      .executeTakeFirst();
    if (!person) continue;
    await trx
      .updateTable('jobs')
      .set({
        payload: JSON.stringify({ ...payload, profileId: person.id, userId: person.user_id }),
      })
      .where('id', '=', job.id)
      .execute();
  }
}

/** What a `campaign.send` job's payload says of its person (jobs.ts). */
interface DelayedSend {
  profileId: string;
  userId: string;
}

/**
 * Counts the earlier anonymous track calls of each newly linked anonymous ID for the person it
 * belongs to now (a merge later in the batch may have moved it). Answers, per person, the event
 * names that counted. The batch's own calls are among them: the caller must not count those
 * again (see {@link linkedIds}).
 */
export async function countLinkedHistory(
  trx: Kysely<Schema>,
  workspaceId: string,
  links: IdentityLink[],
  counters: ReadonlyMap<string, Counter[]>,
  now: number,
): Promise<Map<string, Set<string>>> {
  const counted = new Map<string, Set<string>>();
  if (counters.size === 0) return counted;
  for (const anonymousId of linkedIds(links)) {
    const owner = await trx
      .selectFrom('identities')
      .select('profile_id')
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'anonymous')
      .where('value', '=', anonymousId)
      .executeTakeFirst();
    if (!owner) continue;
    const names = await countAnonymousHistory(
      trx,
      workspaceId,
      anonymousId,
      owner.profile_id,
      counters,
      now,
    );
    if (names.size === 0) continue;
    const set = counted.get(owner.profile_id) ?? new Set<string>();
    for (const name of names) set.add(name);
    counted.set(owner.profile_id, set);
  }
  return counted;
}

/** The anonymous IDs a batch linked to people for the first time. */
export function linkedIds(links: IdentityLink[]): Set<string> {
  return new Set(links.map((l) => l.anonymousId));
}
