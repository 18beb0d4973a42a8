import { type Kysely, sql } from 'kysely';
import { readJson } from '../store/json.js';
import type { Schema } from '../store/schema.js';
import { DAY, dayOf, propertiesMatch } from './conditions.js';
import { MAX_WINDOW_DAYS } from './definitions.js';
import type { Counter } from './rules.js';

/**
 * Per-person daily event counters (`person_event_counts`: profile, counter key, UTC day →
 * count), which segment evaluation reads instead of `events`. Besides the ingest path's bump
 * as each track call is applied (effect.ts), they are written:
 *
 * - recounted from `events` when a segment is built (segment-jobs.ts): the person's rows of the
 *   segment's counters are replaced by what their events say, over the longest window allowed;
 * - when an anonymous ID is first linked to a person: its earlier events, which counted for
 *   nobody, are added to the person's counters;
 * - when alias merges profile A into B: A's counters are added to B's.
 *
 * An event belongs to the profile of its userId or, sent without one, to the profile its
 * anonymous ID is linked to: the rule the ingest path counts by. Callers hold the people's
 * locks (locks.ts) on PostgreSQL, so that no ingest transaction bumps the same rows meanwhile.
 */

/** Identity values per query: well under both dialects' bound-parameter limits. */
const IN_CHUNK = 500;
/** Rows per INSERT (5 parameters a row). */
const WRITE_CHUNK = 500;

/** The first UTC day any counter is read for: the longest window allowed, today included. */
export function countedSince(now: number): number {
  return dayOf(now) - (MAX_WINDOW_DAYS - 1) * DAY;
}

/**
 * Counts per person, counter and day, added up in memory, then added to the stored rows in
 * multi-row upserts: one statement for hundreds of events rather than one each. The ingest path
 * bumps with it as it applies a batch of track calls; recounts, anonymous history and merges
 * tally with it too.
 *
 * @example
 * const bumps = new CounterBumps();
 * bumps.add(profileId, counter.key, dayOf(event.timestamp));
 * await bumps.write(trx, workspaceId);
 */
export class CounterBumps {
  private readonly counts = new Map<
    string,
    { profileId: string; counter: string; day: number; n: number }
  >();

  add(profileId: string, counter: string, day: number, n = 1): void {
    const key = `${profileId}\u0000${counter}\u0000${day}`;
    const known = this.counts.get(key);
    if (known) known.n += n;
    else this.counts.set(key, { profileId, counter, day, n });
  }

  async write(trx: Kysely<Schema>, workspaceId: string): Promise<void> {
    const rows = [...this.counts.values()];
    this.counts.clear();
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await trx
        .insertInto('person_event_counts')
        .values(
          rows.slice(i, i + WRITE_CHUNK).map((r) => ({
            profile_id: r.profileId,
            workspace_id: workspaceId,
            counter: r.counter,
            day: r.day,
            count: r.n,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['profile_id', 'counter', 'day']).doUpdateSet((eb) => ({
            count: eb('person_event_counts.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute();
    }
  }
}

/**
 * Replaces the rows of `counters` of `profileIds` by a count of their events (every identity of
 * theirs) since {@link countedSince}, in the caller's transaction.
 */
export async function recountCounters(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileIds: string[],
  counters: Counter[],
  now: number,
): Promise<void> {
  if (profileIds.length === 0 || counters.length === 0) return;
  await trx
    .deleteFrom('person_event_counts')
    .where('profile_id', 'in', profileIds)
    .where('counter', 'in', [...new Set(counters.map((c) => c.key))])
    .execute();
  const identities = await trx
    .selectFrom('identities')
    .select(['kind', 'value', 'profile_id'])
    .where('workspace_id', '=', workspaceId)
    .where('profile_id', 'in', profileIds)
    .execute();
  const owners: Owners = { user_id: new Map(), anonymous_id: new Map() };
  for (const identity of identities) {
    owners[identity.kind === 'user' ? 'user_id' : 'anonymous_id'].set(
      identity.value,
      identity.profile_id,
    );
  }
  const tally = new CounterBumps();
  await tallyEvents(trx, workspaceId, owners, byEvent(counters), countedSince(now), tally);
  await tally.write(trx, workspaceId);
}

/**
 * Adds the track calls `anonymousId` sent without a userId (which counted for nobody until it was
 * linked to `profileId`) to the person's counters. Answers the event names that counted.
 */
export async function countAnonymousHistory(
  trx: Kysely<Schema>,
  workspaceId: string,
  anonymousId: string,
  profileId: string,
  counters: ReadonlyMap<string, Counter[]>,
  now: number,
): Promise<Set<string>> {
  if (counters.size === 0) return new Set();
  const owners: Owners = { user_id: new Map(), anonymous_id: new Map([[anonymousId, profileId]]) };
  const tally = new CounterBumps();
  const names = await tallyEvents(trx, workspaceId, owners, counters, countedSince(now), tally);
  await tally.write(trx, workspaceId);
  return names;
}

/** Adds profile `fromId`'s counters to `intoId`'s and removes them: alias merged the two. */
export async function mergeCounters(
  trx: Kysely<Schema>,
  workspaceId: string,
  fromId: string,
  intoId: string,
): Promise<void> {
  const rows = await trx
    .selectFrom('person_event_counts')
    .select(['counter', 'day', 'count'])
    .where('profile_id', '=', fromId)
    .execute();
  if (rows.length === 0) return;
  const tally = new CounterBumps();
  for (const row of rows) tally.add(intoId, row.counter, Number(row.day), Number(row.count));
  await tally.write(trx, workspaceId);
  await trx.deleteFrom('person_event_counts').where('profile_id', '=', fromId).execute();
}

/** Identity value → profile, by the `events` column that carries it. */
type Owners = Record<'user_id' | 'anonymous_id', Map<string, string>>;

function byEvent(counters: Counter[]): Map<string, Counter[]> {
  const map = new Map<string, Counter[]>();
  for (const counter of counters)
    map.set(counter.event, [...(map.get(counter.event) ?? []), counter]);
  return map;
}

/**
 * Counts the track calls of `owners` since `since` into `tally`, per counter of their event.
 * Events whose counters have no property filters are counted by the database (per owner, event
 * and day); the others are read with their properties to test the filters. Answers the event
 * names that counted.
 */
async function tallyEvents(
  trx: Kysely<Schema>,
  workspaceId: string,
  owners: Owners,
  counters: ReadonlyMap<string, Counter[]>,
  since: number,
  tally: CounterBumps,
): Promise<Set<string>> {
  const names = [...counters.keys()];
  const plain = names.filter((n) => counters.get(n)!.every((c) => !c.where?.length));
  const filtered = names.filter((n) => !plain.includes(n));
  const seen = new Set<string>();
  const day = sql<
    number | string
  >`${sql.ref('timestamp')} - (${sql.ref('timestamp')} % ${sql.lit(DAY)})`;
  for (const column of ['user_id', 'anonymous_id'] as const) {
    const values = [...owners[column].keys()];
    for (let i = 0; i < values.length; i += IN_CHUNK) {
      const part = values.slice(i, i + IN_CHUNK);
      const base = (events: string[]) =>
        trx
          .selectFrom('events')
          .where('workspace_id', '=', workspaceId)
          .where('type', '=', 'track')
          .where('name', 'in', events)
          .where('timestamp', '>=', since)
          // Lets PostgreSQL skip older partitions of `events` (partitioned by received_at); an
          // event is received at or after its timestamp, clock skew corrected.
          .where('received_at', '>=', since)
          .where(column, 'in', part);
      // An anonymous ID's calls count only when they came without a userId. That is tested
      // on the rows rather than in the WHERE clause: given `user_id is null`, PostgreSQL may
      // walk every anonymous call of the workspace on the userId index instead of these IDs'.
      const anonymousOnly = column === 'anonymous_id';
      if (plain.length > 0) {
        const rows = await base(plain)
          .select((eb) => [
            eb.ref(column).as('owner'),
            'name',
            day.as('day'),
            (anonymousOnly
              ? eb.fn.countAll<number | string>().filterWhere('user_id', 'is', null)
              : eb.fn.countAll<number | string>()
            ).as('n'),
          ])
          .groupBy([column, 'name', day])
          .execute();
        for (const row of rows) {
          const profileId = owners[column].get(row.owner ?? '');
          if (!profileId || !row.name || Number(row.n) === 0) continue;
          seen.add(row.name);
          for (const counter of counters.get(row.name) ?? []) {
            tally.add(profileId, counter.key, Number(row.day), Number(row.n));
          }
        }
      }
      if (filtered.length > 0) {
        const rows = await base(filtered)
          .select((eb) => [
            eb.ref(column).as('owner'),
            'user_id',
            'name',
            'properties',
            'timestamp',
          ])
          .execute();
        for (const row of rows) {
          const profileId = owners[column].get(row.owner ?? '');
          if (!profileId || !row.name || (anonymousOnly && row.user_id !== null)) continue;
          const properties = readJson<Record<string, unknown>>(row.properties, {});
          for (const counter of counters.get(row.name) ?? []) {
            if (!propertiesMatch(counter.where, properties)) continue;
            seen.add(row.name);
            tally.add(profileId, counter.key, dayOf(Number(row.timestamp)), 1);
          }
        }
      }
    }
  }
  return seen;
}
