import type { Kysely } from 'kysely';
import type { ChangeBus } from '../inapp/bus.js';
import type { DialectName } from '../store/dialect.js';
import type { IngestEffect } from '../store/ingest-effect.js';
import { readJson } from '../store/json.js';
import { personKeys } from '../store/person-merge.js';
import type { NewEvent, Schema } from '../store/schema.js';
import { dayOf, propertiesMatch } from './conditions.js';
import { CounterBumps, recountCounters } from './counters.js';
import { absorbMerges, countLinkedHistory, linkedIds } from './identity-changes.js';
import { lockPeople } from './locks.js';
import { applyChanges, buildStates, reevaluate } from './membership.js';
import type { RulesCache, SegmentRule } from './rules.js';
import { fireCampaign } from './sends.js';

/**
 * Segment membership and event-triggered campaigns, kept up to date as identify, track and alias
 * calls are applied, in their ingest transaction (never recomputed per request):
 *
 * - a track call bumps the person's daily counters that some segment condition reads (one per
 *   distinct property filter), then re-evaluates the segments that mention the event;
 * - an identify call re-evaluates the segments with trait conditions;
 * - a track call whose event triggers a campaign (filters passing) queues its message, now or
 *   after the campaign's delay (a durable job);
 * - an alias that merges two profiles folds the counters and memberships of one into the other,
 *   and an anonymous ID linked to a person brings its earlier events (identity-changes.ts); the
 *   person is re-evaluated against every segment.
 *
 * Events of people not identified yet (no profile) count for nobody until they are. A segment
 * being built decides only the people its build has passed (membership.ts, buildStates).
 */
export function campaignsEffect(
  rules: RulesCache,
  bus: ChangeBus,
  dialect: DialectName,
): IngestEffect {
  return {
    async apply(batch) {
      const { trx, workspaceId, merges, links } = batch;
      // In-app reports change what people did with messages, which segments may ask about.
      const calls = batch.events.some(
        (e) => e.type === 'identify' || e.type === 'track' || e.type === 'inapp',
      );
      if (!calls && merges.length === 0 && links.length === 0) return;
      // Whatever segments exist now, a merged-away profile leaves nothing behind.
      const absorbed = await absorbMerges(trx, workspaceId, merges);
      const workspace = await rules.of(trx, workspaceId);
      if (workspace.segments.length === 0 && workspace.eventTriggers.size === 0) return;
      const now = Date.now();
      const people = new PeopleLookup(trx, workspaceId, dialect);
      const touched = new Map<string, Set<SegmentRule>>();
      const touch = (profileId: string, segments: SegmentRule[]) => {
        const set = touched.get(profileId) ?? new Set();
        for (const segment of segments) set.add(segment);
        touched.set(profileId, set);
      };
      const visitors = new Set<string>();

      const history = await countLinkedHistory(trx, workspaceId, links, workspace.counters, now);
      for (const [profileId, names] of history) {
        touch(
          profileId,
          workspace.segments.filter((s) => [...names].some((n) => s.events.has(n))),
        );
      }
      // Their calls in this batch were just counted with their history.
      const linked = history.size > 0 ? linkedIds(links) : new Set<string>();

      // What a person did with a message (a report, or a conversion a call led to) may move
      // them in or out of a segment asking about it.
      const asking = workspace.segments.filter((s) => s.messages.length > 0);
      // Counter bumps are written together once the batch is read, before anyone is evaluated.
      const bumps = new CounterBumps();
      for (const event of batch.events) {
        if (asking.length > 0 && event.type !== 'alias' && event.type !== 'group') {
          const person = await people.of(event);
          if (person) touch(person.profileId, asking);
        }
        if (event.type === 'identify' && event.user_id && event.traits) {
          const person = await people.of(event);
          if (person)
            touch(
              person.profileId,
              workspace.segments.filter((s) => s.usesTraits),
            );
          continue;
        }
        if (event.type !== 'track' || !event.name) continue;
        const counters = workspace.counters.get(event.name);
        const triggers = workspace.eventTriggers.get(event.name);
        if (!counters && !triggers) continue;
        const person = await people.of(event);
        if (!person) continue;
        const properties = readJson<Record<string, unknown>>(event.properties, {});
        const counted = !event.user_id && linked.has(event.anonymous_id ?? '');
        for (const counter of counted ? [] : (counters ?? [])) {
          if (propertiesMatch(counter.where, properties)) {
            bumps.add(person.profileId, counter.key, dayOf(event.timestamp));
          }
        }
        if (counters) {
          touch(
            person.profileId,
            workspace.segments.filter((s) => s.events.has(event.name!)),
          );
        }
        for (const campaign of triggers ?? []) {
          const trigger = campaign.definition.trigger;
          if (trigger.type !== 'event' || !propertiesMatch(trigger.where, properties)) continue;
          const outcome = await fireCampaign(
            trx,
            workspaceId,
            campaign,
            { ...person, key: `ev:${event.message_id}`, event: properties },
            now,
          );
          if (outcome === 'queued') visitors.add(`u:${person.userId}`);
        }
      }
      await bumps.write(trx, workspaceId);
      for (const profileId of absorbed) touch(profileId, workspace.segments);

      for (const [profileId, segments] of touched) {
        const states = await buildStates(trx, [...segments], profileId);
        if (absorbed.has(profileId)) {
          // A build that passed this person counted only their own events: count again, now
          // that the merged-away profile's identities (and events) are theirs.
          const passed = [...segments].filter((s) => states.get(s.id) === 'passed');
          await recountCounters(
            trx,
            workspaceId,
            [profileId],
            passed.flatMap((s) => s.counters),
            now,
          );
        }
        const ready = [...segments].filter((s) => states.get(s.id) !== 'ahead');
        const changes = await reevaluate(trx, workspaceId, [profileId], ready, now);
        for (const visitor of await applyChanges(trx, workspaceId, workspace, changes, now)) {
          visitors.add(visitor);
        }
      }
      if (visitors.size > 0) {
        // Told under every userId of each person (store/person-merge.ts, personKeys).
        const keys = await personKeys(trx, workspaceId, visitors);
        batch.afterCommit(() => {
          for (const visitor of keys) bus.publish({ kind: 'visitor', workspaceId, visitor });
        });
      }
    },
  };
}

/**
 * The person (profile and canonical userId) an event belongs to, cached for the batch. On
 * PostgreSQL a person found by anonymous ID is locked (locks.ts); identity resolution has
 * locked those found by userId already.
 */
class PeopleLookup {
  private readonly cache = new Map<string, { profileId: string; userId: string } | null>();

  constructor(
    private readonly trx: Kysely<Schema>,
    private readonly workspaceId: string,
    private readonly dialect: DialectName,
  ) {}

  async of(event: NewEvent): Promise<{ profileId: string; userId: string } | undefined> {
    const [kind, value] = event.user_id
      ? (['user', event.user_id] as const)
      : (['anonymous', event.anonymous_id] as const);
    if (!value) return undefined;
    const key = `${kind}:${value}`;
    if (!this.cache.has(key)) {
      const row = await this.trx
        .selectFrom('identities')
        .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
        .select(['profiles.id', 'profiles.user_id'])
        .where('identities.workspace_id', '=', this.workspaceId)
        .where('identities.kind', '=', kind)
        .where('identities.value', '=', value)
        .executeTakeFirst();
      if (row && kind === 'anonymous') await lockPeople(this.trx, this.dialect, [row.id]);
      this.cache.set(key, row ? { profileId: row.id, userId: row.user_id } : null);
    }
    return this.cache.get(key) ?? undefined;
  }
}
