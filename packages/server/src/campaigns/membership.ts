import type { Kysely } from 'kysely';
import { convertOnSegmentChanges } from '../inapp/goals.js';
import { prefixedId } from '../store/ids.js';
import { interactionsOfPeople } from '../store/interactions.js';
import { readJson } from '../store/json.js';
import type { Schema } from '../store/schema.js';
import { DAY, evaluate, type PersonFacts } from './conditions.js';
import { MAX_WINDOW_DAYS } from './definitions.js';
import type { SegmentRule, WorkspaceRules } from './rules.js';
import { fireCampaign } from './sends.js';

export interface MembershipChange {
  segmentId: string;
  segmentName: string;
  profileId: string;
  userId: string;
  change: 'enter' | 'leave';
}

/**
 * Re-evaluates `segments` for `profileIds` from their traits, event counters (never the
 * events table) and what they did with the messages the segments ask about, and writes who
 * entered and who left, with a row in each person's activity.
 * Answers the changes, for {@link applyChanges}.
 */
export async function reevaluate(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileIds: string[],
  segments: SegmentRule[],
  now: number,
): Promise<MembershipChange[]> {
  if (profileIds.length === 0 || segments.length === 0) return [];
  const profiles = await trx
    .selectFrom('profiles')
    .select(['id', 'user_id', 'traits'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', profileIds)
    .execute();
  const counters = [...new Set(segments.flatMap((s) => s.counters.map((c) => c.key)))];
  const counts = new Map<string, Map<string, Map<number, number>>>();
  if (counters.length > 0) {
    const rows = await trx
      .selectFrom('person_event_counts')
      .select(['profile_id', 'counter', 'day', 'count'])
      .where('profile_id', 'in', profileIds)
      .where('counter', 'in', counters)
      .where('day', '>=', now - (MAX_WINDOW_DAYS + 1) * DAY)
      .execute();
    for (const row of rows) {
      const byCounter = counts.get(row.profile_id) ?? new Map<string, Map<number, number>>();
      const byDay = byCounter.get(row.counter) ?? new Map<number, number>();
      byDay.set(Number(row.day), row.count);
      byCounter.set(row.counter, byDay);
      counts.set(row.profile_id, byCounter);
    }
  }
  const asked = [...new Set(segments.flatMap((s) => s.messages))];
  const interactions = await interactionsOfPeople(trx, workspaceId, profileIds, asked);
  const memberRows = await trx
    .selectFrom('segment_members')
    .select(['segment_id', 'profile_id'])
    .where('profile_id', 'in', profileIds)
    .where(
      'segment_id',
      'in',
      segments.map((s) => s.id),
    )
    .execute();
  const members = new Set(memberRows.map((r) => `${r.segment_id} ${r.profile_id}`));

  const changes: MembershipChange[] = [];
  for (const profile of profiles) {
    const facts: PersonFacts = {
      traits: readJson(profile.traits, {}),
      counts: counts.get(profile.id) ?? new Map(),
      messages: interactions.get(profile.id) ?? new Map(),
    };
    for (const segment of segments) {
      const matches = evaluate(segment.definition, facts, now);
      const member = members.has(`${segment.id} ${profile.id}`);
      if (matches === member) continue;
      changes.push({
        segmentId: segment.id,
        segmentName: segment.name,
        profileId: profile.id,
        userId: profile.user_id,
        change: matches ? 'enter' : 'leave',
      });
    }
  }
  await writeChanges(trx, workspaceId, changes, now);
  return changes;
}

/**
 * Where each of `segments` stands for one person: `built` (a settled segment), `passed` (being
 * built, and the build has recounted and decided this person already) or `ahead` (the build
 * will come to them: their counters are not recounted yet, so nothing may be decided on them).
 * Read in the caller's transaction, under the person's lock (locks.ts).
 */
export async function buildStates(
  trx: Kysely<Schema>,
  segments: SegmentRule[],
  profileId: string,
): Promise<Map<string, 'built' | 'passed' | 'ahead'>> {
  const states = new Map<string, 'built' | 'passed' | 'ahead'>();
  const building = segments.filter((s) => s.building).map((s) => s.id);
  for (const segment of segments) states.set(segment.id, segment.building ? 'ahead' : 'built');
  if (building.length === 0) return states;
  // The cached rules may be older than the build's progress: its row says where it is now.
  const rows = await trx
    .selectFrom('segments')
    .select(['id', 'built_through'])
    .where('id', 'in', building)
    .where((eb) => eb.or([eb('built_through', 'is', null), eb('built_through', '>=', profileId)]))
    .execute();
  for (const row of rows) states.set(row.id, row.built_through === null ? 'built' : 'passed');
  return states;
}

/**
 * Alias merged profile `fromId` into `intoId`: the merged person was in every segment either
 * was in (entered when the first of them did), so `fromId`'s memberships move to `intoId` where
 * it had none; re-evaluating `intoId` then writes only real changes.
 */
export async function mergeMemberships(
  trx: Kysely<Schema>,
  fromId: string,
  intoId: string,
): Promise<void> {
  const from = await trx
    .selectFrom('segment_members')
    .select(['segment_id', 'workspace_id', 'entered_at'])
    .where('profile_id', '=', fromId)
    .execute();
  if (from.length === 0) return;
  const into = new Map(
    (
      await trx
        .selectFrom('segment_members')
        .select(['segment_id', 'entered_at'])
        .where('profile_id', '=', intoId)
        .execute()
    ).map((r) => [r.segment_id, Number(r.entered_at)]),
  );
  await trx.deleteFrom('segment_members').where('profile_id', '=', fromId).execute();
  for (const row of from) {
    const enteredAt = Number(row.entered_at);
    const existing = into.get(row.segment_id);
    if (existing === undefined) {
      await trx
        .insertInto('segment_members')
        .values({
          segment_id: row.segment_id,
          profile_id: intoId,
          workspace_id: row.workspace_id,
          entered_at: enteredAt,
        })
        .onConflict((oc) => oc.columns(['segment_id', 'profile_id']).doNothing())
        .execute();
    } else if (enteredAt < existing) {
      await trx
        .updateTable('segment_members')
        .set({ entered_at: enteredAt })
        .where('segment_id', '=', row.segment_id)
        .where('profile_id', '=', intoId)
        .execute();
    }
  }
}

/** Rows per INSERT: well under both dialects' bound-parameter limits (16 columns an event). */
const WRITE_CHUNK = 200;

/**
 * Writes who entered and who left, and a `segment` event in each one's activity, in a few
 * multi-row statements: a build decides hundreds of people a chunk.
 */
async function writeChanges(
  trx: Kysely<Schema>,
  workspaceId: string,
  changes: MembershipChange[],
  now: number,
): Promise<void> {
  const enters = changes.filter((c) => c.change === 'enter');
  for (let i = 0; i < enters.length; i += WRITE_CHUNK) {
    await trx
      .insertInto('segment_members')
      .values(
        enters.slice(i, i + WRITE_CHUNK).map((c) => ({
          segment_id: c.segmentId,
          profile_id: c.profileId,
          workspace_id: workspaceId,
          entered_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['segment_id', 'profile_id']).doNothing())
      .execute();
  }
  const leaving = new Map<string, string[]>();
  for (const c of changes) {
    if (c.change === 'leave')
      leaving.set(c.segmentId, [...(leaving.get(c.segmentId) ?? []), c.profileId]);
  }
  for (const [segmentId, profileIds] of leaving) {
    for (let i = 0; i < profileIds.length; i += WRITE_CHUNK) {
      await trx
        .deleteFrom('segment_members')
        .where('segment_id', '=', segmentId)
        .where('profile_id', 'in', profileIds.slice(i, i + WRITE_CHUNK))
        .execute();
    }
  }
  // The person's activity shows it; type `segment` cannot be sent through the tracking API.
  for (let i = 0; i < changes.length; i += WRITE_CHUNK) {
    await trx
      .insertInto('events')
      .values(
        changes.slice(i, i + WRITE_CHUNK).map((change) => ({
          workspace_id: workspaceId,
          message_id: prefixedId('seg', 12),
          type: 'segment' as const,
          name: change.change === 'enter' ? 'entered segment' : 'left segment',
          user_id: change.userId,
          anonymous_id: null,
          group_id: null,
          previous_id: null,
          properties: JSON.stringify({
            segmentId: change.segmentId,
            segmentName: change.segmentName,
          }),
          traits: null,
          context: null,
          integrations: null,
          timestamp: now,
          original_timestamp: null,
          sent_at: null,
          received_at: now,
        })),
      )
      .execute();
  }
}

/**
 * What follows from entering and leaving segments, in the same transaction: campaigns triggered
 * by entering, and goals met by entering or leaving. Answers the visitors whose deliveries
 * changed (membership decides `audience.segment`), to announce after commit.
 */
export async function applyChanges(
  trx: Kysely<Schema>,
  workspaceId: string,
  rules: WorkspaceRules,
  changes: MembershipChange[],
  now: number,
): Promise<Set<string>> {
  const visitors = new Set<string>();
  const goals = changes.filter((c) => rules.goalSegments.has(c.segmentId));
  await convertOnSegmentChanges(trx, workspaceId, goals, now);
  for (const change of changes) {
    visitors.add(`u:${change.userId}`);
    if (change.change !== 'enter') continue;
    for (const campaign of rules.segmentTriggers.get(change.segmentId) ?? []) {
      await fireCampaign(
        trx,
        workspaceId,
        campaign,
        {
          profileId: change.profileId,
          userId: change.userId,
          // Each entry is its own occurrence: leaving and entering again fires again.
          key: `enter:${change.profileId}:${now}:${prefixedId('x', 4)}`,
          event: { segmentId: change.segmentId, segmentName: change.segmentName },
        },
        now,
      );
    }
  }
  return visitors;
}
