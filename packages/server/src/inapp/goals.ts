import { HOLDOUT, type MessageDefinition } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { IngestBatch, IngestEffect } from '../store/ingest-effect.js';
import { readJson } from '../store/json.js';
import { PeopleRepository } from '../store/people.js';
import type { NewEvent, Schema } from '../store/schema.js';
import type { ChangeBus } from './bus.js';
import { bump } from './effects.js';
import { bumpSplit } from './experiment-effects.js';

const DAY = 86_400_000;
/** Values per IN list: well under both dialects' bound-parameter limits. */
const IN_CHUNK = 500;

/**
 * Conversions, decided as events arrive:
 *
 * - an anonymous visitor who clicked an anonymous message (or viewed it, per the goal's criteria)
 *   converts when they become identified within the goal's window;
 * - with a goal event, they must also perform that event within the window; for messages to
 *   identified people the event is the whole goal;
 * - a person converts once per message, however many anonymous IDs merged into them, and only
 *   for messages they (under one of their identities) clicked or viewed. An alias that merges
 *   two converted profiles keeps the earlier conversion (store/person-merge.ts), so the merged
 *   person does not convert again either.
 */
export function goalsEffect(bus: ChangeBus): IngestEffect {
  const goalEvents = new GoalEvents(bus);
  return {
    async apply(batch) {
      for (const link of batch.links) {
        const candidates = await statesOf(batch, [`a:${link.anonymousId}`]);
        for (const candidate of candidates) {
          if (candidate.audience !== 'anonymous') continue;
          const since = reachedAt(candidate);
          if (since === null || !within(link.at, since, candidate.goal.windowDays)) continue;
          if (
            candidate.goal.event &&
            !(await performed(
              batch,
              link.profileId,
              candidate.goal.event,
              since,
              candidate.goal.windowDays,
            ))
          ) {
            continue;
          }
          await convert(batch.trx, batch.workspaceId, candidate, link.profileId, link.at);
        }
      }

      if (!batch.events.some((e) => e.type === 'track')) return;
      const names = await goalEvents.of(batch.trx, batch.workspaceId);
      if (names.size === 0) return;
      for (const event of batch.events) {
        if (event.type !== 'track' || !event.name || !names.has(event.name)) continue;
        const profileId = await profileOf(batch.trx, batch.workspaceId, event);
        if (!profileId) continue;
        const identities = await identitiesOf(batch.trx, profileId);
        const candidates = await statesOf(
          batch,
          identities.map((i) => i.visitor),
        );
        for (const candidate of candidates) {
          if (candidate.goal.event !== event.name) continue;
          const since = reachedAt(candidate);
          if (since === null || !within(event.timestamp, since, candidate.goal.windowDays))
            continue;
          if (candidate.audience === 'anonymous') {
            // The anonymous visitor must also have become this person within the window.
            const linked = identities.find((i) => i.visitor === candidate.visitor)?.since;
            if (linked === undefined || !within(linked, since, candidate.goal.windowDays)) continue;
          }
          await convert(batch.trx, batch.workspaceId, candidate, profileId, event.timestamp);
        }
      }
    },
  };
}

/** A person entered or left a segment (campaigns/membership.ts). */
export interface SegmentChange {
  profileId: string;
  segmentId: string;
  change: 'enter' | 'leave';
}

/**
 * Goals met by entering or leaving a segment (`goal.segment`), within the window after the view
 * or click: called by segment membership (campaigns/membership.ts) in the same transaction with
 * the changes of a whole chunk of people, read in a few queries whatever their number.
 */
export async function convertOnSegmentChanges(
  trx: Kysely<Schema>,
  workspaceId: string,
  changes: SegmentChange[],
  at: number,
): Promise<void> {
  if (changes.length === 0) return;
  const identities = await identitiesOfPeople(trx, [...new Set(changes.map((c) => c.profileId))]);
  const visitors = [...identities.values()].flat().map((i) => i.visitor);
  const byVisitor = new Map<string, Candidate[]>();
  for (let i = 0; i < visitors.length; i += IN_CHUNK) {
    for (const candidate of await statesOf({ trx, workspaceId }, visitors.slice(i, i + IN_CHUNK))) {
      byVisitor.set(candidate.visitor, [...(byVisitor.get(candidate.visitor) ?? []), candidate]);
    }
  }
  for (const { profileId, segmentId, change } of changes) {
    for (const { visitor } of identities.get(profileId) ?? []) {
      for (const candidate of byVisitor.get(visitor) ?? []) {
        const goal = candidate.goal.segment;
        if (!goal || goal.id !== segmentId || goal.on !== change) continue;
        const since = reachedAt(candidate);
        if (since === null || !within(at, since, candidate.goal.windowDays)) continue;
        await convert(trx, workspaceId, candidate, profileId, at);
      }
    }
  }
}

interface Candidate {
  messageId: string;
  visitor: string;
  audience: 'anonymous' | 'identified';
  goal: MessageDefinition['goal'];
  firstViewedAt: number | null;
  firstClickedAt: number | null;
  /** In an experiment: the variant (or holdout) and language of the first exposure, and when. */
  variant: string | null;
  locale: string | null;
  exposedAt: number | null;
}

async function statesOf(
  batch: Pick<IngestBatch, 'trx' | 'workspaceId'>,
  visitors: string[],
): Promise<Candidate[]> {
  if (visitors.length === 0) return [];
  const rows = await batch.trx
    .selectFrom('message_states')
    .innerJoin('messages', 'messages.id', 'message_states.message_id')
    .select([
      'message_states.message_id',
      'message_states.visitor',
      'message_states.first_viewed_at',
      'message_states.first_clicked_at',
      'message_states.variant',
      'message_states.locale',
      'message_states.exposed_at',
      'messages.audience',
      'messages.definition',
    ])
    .where('message_states.workspace_id', '=', batch.workspaceId)
    .where('message_states.visitor', 'in', visitors)
    .execute();
  return rows.map((row) => ({
    messageId: row.message_id,
    visitor: row.visitor,
    audience: row.audience,
    goal: readJson<MessageDefinition>(row.definition, {} as MessageDefinition).goal ?? {
      criteria: 'click',
      windowDays: 7,
    },
    firstViewedAt: row.first_viewed_at,
    firstClickedAt: row.first_clicked_at,
    variant: row.variant,
    locale: row.locale,
    exposedAt: row.exposed_at,
  }));
}

/**
 * When the goal's window opens for a candidate. In an experiment every group counts from its
 * first exposure, the holdout (who see nothing to click) like the variants: the comparison is
 * of like with like, what showing the message changed. Otherwise: the first click, or view.
 */
function reachedAt(candidate: Candidate): number | null {
  if (candidate.variant !== null) return candidate.exposedAt;
  return candidate.goal.criteria === 'view' ? candidate.firstViewedAt : candidate.firstClickedAt;
}

function within(at: number, since: number, windowDays: number): boolean {
  return at >= since && at <= since + windowDays * DAY;
}

/**
 * The goal events of each workspace's launched messages, kept in memory so that a track call
 * costs nothing unless its event is some message's goal. Read inside the ingest transaction: on
 * SQLite that transaction holds the only connection.
 */
class GoalEvents {
  private readonly cache = new Map<string, Set<string>>();

  constructor(bus: ChangeBus) {
    bus.subscribe((change) => {
      if (change.kind === 'messages') this.cache.delete(change.workspaceId);
    });
  }

  async of(trx: Kysely<Schema>, workspaceId: string): Promise<Set<string>> {
    const hit = this.cache.get(workspaceId);
    if (hit) return hit;
    const rows = await trx
      .selectFrom('messages')
      .select('definition')
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['active', 'paused'])
      .execute();
    const names = new Set<string>();
    for (const row of rows) {
      const goal = readJson<MessageDefinition>(row.definition, {} as MessageDefinition).goal;
      if (goal?.event) names.add(goal.event);
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(workspaceId, names);
    return names;
  }
}

/** The person an event's userId (or else anonymous ID) belongs to, read in the transaction. */
function profileOf(trx: Kysely<Schema>, workspaceId: string, event: NewEvent) {
  const [kind, value] = event.user_id
    ? (['user', event.user_id] as const)
    : (['anonymous', event.anonymous_id] as const);
  if (!value) return Promise.resolve(undefined);
  return new PeopleRepository(trx).profileIdOf(workspaceId, kind, value);
}

/** A person's identities as visitor keys, with when each was linked. */
async function identitiesOf(trx: Kysely<Schema>, profileId: string) {
  return (await identitiesOfPeople(trx, [profileId])).get(profileId) ?? [];
}

/** The identities of each of these people, as {@link identitiesOf} answers them. */
async function identitiesOfPeople(trx: Kysely<Schema>, profileIds: string[]) {
  const byPerson = new Map<string, Array<{ visitor: string; since: number }>>();
  for (let i = 0; i < profileIds.length; i += IN_CHUNK) {
    const rows = await trx
      .selectFrom('identities')
      .select(['profile_id', 'kind', 'value', 'created_at'])
      .where('profile_id', 'in', profileIds.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) {
      const identity = {
        visitor: `${r.kind === 'user' ? 'u' : 'a'}:${r.value}`,
        since: r.created_at,
      };
      byPerson.set(r.profile_id, [...(byPerson.get(r.profile_id) ?? []), identity]);
    }
  }
  return byPerson;
}

async function performed(
  batch: IngestBatch,
  profileId: string,
  eventName: string,
  since: number,
  windowDays: number,
): Promise<boolean> {
  const identities = await identitiesOf(batch.trx, profileId);
  const users = identities.filter((i) => i.visitor.startsWith('u:')).map((i) => i.visitor.slice(2));
  const anonymous = identities
    .filter((i) => i.visitor.startsWith('a:'))
    .map((i) => i.visitor.slice(2));
  const row = await batch.trx
    .selectFrom('events')
    .select('id')
    .where('workspace_id', '=', batch.workspaceId)
    .where('type', '=', 'track')
    .where('name', '=', eventName)
    .where('timestamp', '>=', since)
    .where('timestamp', '<=', since + windowDays * DAY)
    .where((eb) =>
      eb.or([
        ...(users.length ? [eb('user_id', 'in', users)] : []),
        ...(anonymous.length ? [eb('anonymous_id', 'in', anonymous)] : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function convert(
  trx: Kysely<Schema>,
  workspaceId: string,
  candidate: Candidate,
  profileId: string,
  at: number,
): Promise<void> {
  const result = await trx
    .insertInto('conversions')
    .values({
      message_id: candidate.messageId,
      profile_id: profileId,
      workspace_id: workspaceId,
      visitor: candidate.visitor,
      converted_at: at,
      variant: candidate.variant,
      locale: candidate.locale,
    })
    .onConflict((oc) => oc.columns(['message_id', 'profile_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) {
    // The holdout's conversions are the control's: they count in its split, not the message's.
    if (candidate.variant !== HOLDOUT) await bump(trx, candidate.messageId, at, 'conversion', '');
    if (candidate.variant !== null || candidate.locale !== null) {
      const { variant, locale } = candidate;
      await bumpSplit(trx, candidate.messageId, variant ?? '', locale ?? '', 'conversion', '');
    }
  }
}
