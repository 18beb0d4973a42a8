import type { Kysely } from 'kysely';
import { foldConversions, type FoldSchema, foldVisitorKeys } from '../person-merge.js';
import type { Schema } from '../schema.js';

/** The schema this migration runs against: 0011's experiment columns do not exist yet. */
const AT_0009: FoldSchema = { experiments: false, inbox: false };

/**
 * An alias merge now moves the merged-away profile's conversions, message states and queued
 * messages to the survivor (person-merge.ts), and a person's message state lives under their
 * canonical userId whichever userId they present (message-states.ts, stateKeyOf). This
 * migration indexes conversions by profile, which a merge reads, and brings the people merged
 * before it to the same place:
 *
 * - the message states and queued entries under each merged-in userId are folded into the
 *   person's own key (views add up, a dismissal stays, one broadcast send once);
 * - the conversions of profiles merged away are given to the person their visitor belongs to
 *   now, one per message (the earlier), the later taken off the message's figures.
 *
 * It uses today's fold code: on a new database, or one without merges, it does nothing more
 * than the index.
 */
export function mergedPeople() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('conversions_by_profile')
        .on('conversions')
        .column('profile_id')
        .execute();
      const store = db as unknown as Kysely<Schema>;
      // PostgreSQL runs migrations in a transaction already; SQLite does not.
      if (store.isTransaction) await foldMergedPeople(store);
      else await store.transaction().execute(foldMergedPeople);
    },
  };
}

async function foldMergedPeople(trx: Kysely<Schema>): Promise<void> {
  const now = Date.now();
  const people = await trx
    .selectFrom('identities')
    .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
    .select(['profiles.id', 'profiles.workspace_id'])
    .where('identities.kind', '=', 'user')
    .whereRef('identities.value', '!=', 'profiles.user_id')
    .distinct()
    .execute();
  for (const person of people)
    await foldVisitorKeys(trx, person.workspace_id, person.id, now, AT_0009);

  const orphans = await trx
    .selectFrom('conversions')
    .leftJoin('profiles', 'profiles.id', 'conversions.profile_id')
    .select(['conversions.profile_id', 'conversions.workspace_id', 'conversions.visitor'])
    .where('profiles.id', 'is', null)
    .execute();
  const survivors = new Map<string, string | null>();
  for (const orphan of orphans) {
    if (survivors.get(orphan.profile_id)) continue;
    const [prefix, value] = [orphan.visitor.slice(0, 2), orphan.visitor.slice(2)];
    const owner = await trx
      .selectFrom('identities')
      .select('profile_id')
      .where('workspace_id', '=', orphan.workspace_id)
      .where('kind', '=', prefix === 'u:' ? 'user' : 'anonymous')
      .where('value', '=', value)
      .executeTakeFirst();
    survivors.set(orphan.profile_id, owner?.profile_id ?? null);
  }
  for (const [from, into] of survivors) if (into) await foldConversions(trx, from, into, AT_0009);
}
