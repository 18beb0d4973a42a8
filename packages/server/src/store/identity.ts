import { type Kysely, sql } from 'kysely';
import { newProfileId } from './ids.js';
import type { IdentityLink, IngestEffect, ProfileMerge } from './ingest-effect.js';
import { readJson } from './json.js';
import { PeopleRepository } from './people.js';
import { mergeMessageData } from './person-merge.js';
import type { IdentityKind, NewEvent, Schema } from './schema.js';

/**
 * All of Herald's identity rules, applied to accepted events inside the ingest transaction:
 *
 * - a call with a userId makes sure that person has a profile;
 * - a userId with an anonymousId links that anonymous ID to the profile, which merges the
 *   anonymous activity into the person's history (many anonymous IDs may merge into one profile);
 *   an anonymous ID already linked to someone stays with them: the first link wins, so a shared
 *   computer never hands one person's history to the next;
 * - identify merges traits into the profile, key by key;
 * - alias(previousId → userId) merges the profile previousId names into userId's, or links
 *   previousId as an anonymous ID when nobody has it yet. A merge moves the merged-away
 *   profile's identities, traits (the survivor's win), message states, queued messages and
 *   conversions (person-merge.ts) at once; its segments and counters follow in the campaigns
 *   effect (campaigns/identity-changes.ts).
 *
 * One instance serves one transaction: it caches what it resolved for the events that follow.
 */
export const identityEffect: IngestEffect = {
  async apply(batch) {
    const writer = new IdentityWriter(batch.trx, batch.workspaceId, batch.links, batch.merges);
    for (const event of batch.events) await writer.apply(event);
    await writer.finish();
  },
};

/** Profiles per last-seen update (two parameters each). */
const LAST_SEEN_CHUNK = 500;

class IdentityWriter {
  private readonly profileOfUser = new Map<string, string>();
  private readonly linked = new Set<string>();
  private readonly lastSeen = new Map<string, number>();
  private readonly people: PeopleRepository;

  constructor(
    private readonly trx: Kysely<Schema>,
    private readonly workspaceId: string,
    /** Where newly made anonymous links are reported, for goals and segments to act on. */
    private readonly links: IdentityLink[],
    /** Where profile merges are reported, for segments to act on (counters, memberships). */
    private readonly merges: ProfileMerge[],
  ) {
    this.people = new PeopleRepository(trx);
  }

  /** Applies one accepted event's identity effects. Events must come in order. */
  async apply(event: NewEvent): Promise<void> {
    const userId = event.user_id;
    if (!userId) return;
    const profileId = await this.ensureProfile(userId, event.timestamp);
    if (event.anonymous_id) {
      await this.link(event.anonymous_id, profileId, userId, event.timestamp);
    }
    if (event.type === 'identify' && event.traits) {
      await this.mergeTraits(profileId, readJson<Record<string, unknown>>(event.traits, {}));
    }
    if (event.type === 'alias' && event.previous_id && event.previous_id !== userId) {
      await this.alias(event.previous_id, profileId, userId, event.timestamp);
    }
    const seen = this.lastSeen.get(profileId) ?? 0;
    if (event.timestamp > seen) this.lastSeen.set(profileId, event.timestamp);
  }

  /**
   * Records when each touched profile was last seen, in one statement per few hundred people;
   * call once after the last `apply`.
   */
  async finish(): Promise<void> {
    const seen = [...this.lastSeen];
    for (let i = 0; i < seen.length; i += LAST_SEEN_CHUNK) {
      const rows = seen
        .slice(i, i + LAST_SEEN_CHUNK)
        .map(([profileId, at]) => sql`(${profileId}, cast(${at} as bigint))`);
      await sql`
        with seen (id, at) as (values ${sql.join(rows)})
        update profiles set last_seen_at =
          case when profiles.last_seen_at < seen.at then seen.at else profiles.last_seen_at end
        from seen where profiles.id = seen.id`.execute(this.trx);
    }
  }

  private async ensureProfile(userId: string, at: number): Promise<string> {
    const cached = this.profileOfUser.get(userId);
    if (cached) return cached;
    let profileId = await this.profileOf('user', userId);
    if (!profileId) {
      const created = await this.trx
        .insertInto('profiles')
        .values({
          id: newProfileId(),
          workspace_id: this.workspaceId,
          user_id: userId,
          email: null,
          traits: '{}',
          created_at: at,
          updated_at: at,
          last_seen_at: at,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      profileId = created?.id ?? (await this.canonicalProfile(userId));
      await this.insertIdentity('user', userId, profileId, at);
      // Another node may have linked this userId first; its profile is the one.
      profileId = (await this.profileOf('user', userId)) ?? profileId;
    }
    this.profileOfUser.set(userId, profileId);
    return profileId;
  }

  private async link(anonymousId: string, profileId: string, userId: string, at: number) {
    const key = `${anonymousId}\u0000${profileId}`;
    if (this.linked.has(key)) return;
    this.linked.add(key);
    if (await this.insertIdentity('anonymous', anonymousId, profileId, at)) {
      this.links.push({ anonymousId, profileId, userId, at });
    }
  }

  private async alias(previousId: string, profileId: string, userId: string, at: number) {
    const previousProfile = await this.profileOf('user', previousId);
    if (previousProfile && previousProfile !== profileId) {
      await this.mergeProfiles(previousProfile, profileId);
      const visitors = await mergeMessageData(
        this.trx,
        this.workspaceId,
        previousProfile,
        profileId,
        at,
      );
      this.merges.push({ fromId: previousProfile, intoId: profileId, at, visitors });
    } else if (!previousProfile) {
      await this.link(previousId, profileId, userId, at);
    }
  }

  private async mergeTraits(profileId: string, traits: Record<string, unknown>): Promise<void> {
    const row = await this.trx
      .selectFrom('profiles')
      .select('traits')
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow();
    await this.writeTraits(profileId, { ...readJson(row.traits, {}), ...traits });
  }

  /** Moves everything of profile `fromId` into `intoId`; `intoId`'s traits win on conflict. */
  private async mergeProfiles(fromId: string, intoId: string): Promise<void> {
    const rows = await this.trx
      .selectFrom('profiles')
      .select(['id', 'traits'])
      .where('id', 'in', [fromId, intoId])
      .execute();
    const traitsOf = (id: string) => readJson(rows.find((r) => r.id === id)?.traits, {});
    await this.trx
      .updateTable('identities')
      .set({ profile_id: intoId })
      .where('profile_id', '=', fromId)
      .execute();
    await this.trx.deleteFrom('profiles').where('id', '=', fromId).execute();
    await this.writeTraits(intoId, { ...traitsOf(fromId), ...traitsOf(intoId) });
    for (const [user, id] of this.profileOfUser)
      if (id === fromId) this.profileOfUser.set(user, intoId);
    this.lastSeen.delete(fromId);
  }

  private async writeTraits(profileId: string, traits: Record<string, unknown>): Promise<void> {
    const email = typeof traits.email === 'string' ? traits.email.toLowerCase() : null;
    await this.trx
      .updateTable('profiles')
      .set({ traits: JSON.stringify(traits), email, updated_at: Date.now() })
      .where('id', '=', profileId)
      .execute();
  }

  /** Inserts the identity unless it exists; answers whether it was new. */
  private async insertIdentity(
    kind: IdentityKind,
    value: string,
    profileId: string,
    at: number,
  ): Promise<boolean> {
    const result = await this.trx
      .insertInto('identities')
      .values({
        workspace_id: this.workspaceId,
        kind,
        value,
        profile_id: profileId,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  private profileOf(kind: IdentityKind, value: string): Promise<string | undefined> {
    return this.people.profileIdOf(this.workspaceId, kind, value);
  }

  private async canonicalProfile(userId: string): Promise<string> {
    const row = await this.trx
      .selectFrom('profiles')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
