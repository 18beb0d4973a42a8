/**
 * bench/scale's bulk load on PostgreSQL: the calls of scale-data.ts inserted by the database
 * itself, as the rows the store's pipeline writes for them (profiles and identities, the
 * events and the `event_ids` that dedupe them, message states and counters), and what follows
 * for the segments (event counters, memberships, the "entered segment" rows of each activity),
 * as segment evaluation decides it. The pipeline loads a million people in hours; this in
 * minutes. `checkBulkLoad` (scale-check.ts) proves, on a few hundred people each run, that both
 * loads leave the same rows.
 */
import type pg from 'pg';
import { DAY, SIGNED_UP_AGO, SQL } from './scale-data.js';

/** Every column of `events` but its id, in the order each bulk insert selects them. */
const INSERT_EVENTS = `insert into events (workspace_id, message_id, type, name, user_id,
  anonymous_id, group_id, previous_id, properties, traits, context, integrations, timestamp,
  original_timestamp, sent_at, received_at)`;
/** People from `$2` up to `$3`: column `p`. */
const PEOPLE = `generate_series($2::int, $3::int - 1) as p`;
/** People from `$2` up to `$3` and each one's events: columns `p` and `e`. */
const PEOPLE_EVENTS = `${PEOPLE} cross join lateral generate_series(0, ${SQL.eventCount} - 1) as e`;

/**
 * People `from` to `to` as their identify calls leave them, received at `now`: a profile with
 * traits, the user ID and one or two anonymous IDs, the calls in `events` and `event_ids`.
 * Segments are decided afterwards ({@link deriveSegments}).
 */
export async function insertPeople(
  client: pg.Client,
  workspaceId: string,
  from: number,
  to: number,
  now: number,
): Promise<number> {
  const signedUp = now - SIGNED_UP_AGO;
  const result = await client.query(
    `with people as (
       select p, gen_random_uuid()::text as id, 'user-' || p as user_id,
         ${SQL.traits('$5::text')} as traits, p % 5 = 0 as second_device
       from ${PEOPLE}
     ),
     profiles_in as (
       insert into profiles (id, workspace_id, user_id, email, traits, created_at, updated_at,
         last_seen_at)
       select id, $1, user_id, user_id || '@example.com', traits, $4::bigint, $6::bigint,
         case when second_device then $6::bigint else $4::bigint end
       from people
     ),
     identities_in as (
       insert into identities (workspace_id, kind, value, profile_id, created_at)
       select $1, 'user', user_id, id, $4::bigint from people
       union all select $1, 'anonymous', 'anon-' || p, id, $4::bigint from people
       union all select $1, 'anonymous', 'anon-b-' || p, id, $6::bigint from people where second_device
     ),
     calls as (
       select 'id-' || p as message_id, user_id, 'anon-' || p as anonymous_id, traits,
         $4::bigint as at, $4::bigint as original
       from people
       union all
       select 'id2-' || p, user_id, 'anon-b-' || p, null, $6::bigint, null from people where second_device
     ),
     ids as (
       insert into event_ids (workspace_id, message_id, received_at)
       select $1, message_id, $6::bigint from calls
     )
     ${INSERT_EVENTS}
     select $1, message_id, 'identify', null, user_id, anonymous_id, null, null, null, traits,
       null, null, at, original, null, $6::bigint
     from calls`,
    [workspaceId, from, to, signedUp, new Date(signedUp).toISOString(), now],
  );
  return result.rowCount ?? 0;
}

/**
 * People `from` to `to`: their tracks (`events` and `event_ids`, received at `now`), and each
 * profile's `last_seen_at` moved to their latest track, as identity resolution moves it.
 */
export async function insertTracks(
  client: pg.Client,
  workspaceId: string,
  from: number,
  to: number,
  now: number,
): Promise<number> {
  const result = await client.query(
    `with calls as (
       select 'ev-' || p || '-' || e as message_id, 'user-' || p as user_id,
         ${SQL.eventName} as name, $4::bigint - ${SQL.eventAgo} as at,
         '{"sku":"sku-' || (e % 7) || '","value":' || e || '}' as properties
       from ${PEOPLE_EVENTS}
     ),
     ids as (
       insert into event_ids (workspace_id, message_id, received_at)
       select $1, message_id, $4 from calls
     )
     ${INSERT_EVENTS}
     select $1, message_id, 'track', name, user_id, null, null, null, properties, null, null,
       null, at, at, null, $4
     from calls`,
    [workspaceId, from, to, now],
  );
  await client.query(
    `update profiles set last_seen_at = greatest(profiles.last_seen_at, latest.at)
     from (
       select 'user-' || p as user_id, max($4::bigint - ${SQL.eventAgo}) as at
       from ${PEOPLE_EVENTS} group by p
     ) as latest
     where profiles.workspace_id = $1 and profiles.user_id = latest.user_id`,
    [workspaceId, from, to, now],
  );
  return result.rowCount ?? 0;
}

/**
 * People `from` to `to` viewing message `$4`, as the in-app intake stores each view: an `inapp`
 * event, the visitor's message state, the message's hourly view counter, the person last seen.
 */
export async function insertViews(
  client: pg.Client,
  workspaceId: string,
  messageId: string,
  from: number,
  to: number,
  now: number,
): Promise<number> {
  const result = await client.query(
    `with views as (
       select p, 'user-' || p as user_id, $5::bigint - ${SQL.viewAgo} as at from ${PEOPLE}
     ),
     states as (
       insert into message_states (message_id, visitor, workspace_id, views, first_viewed_at,
         last_viewed_at, exposed_at)
       select $4, 'u:' || user_id, $1, 1, at, at, at from views
     ),
     stats as (
       insert into message_stats (message_id, hour, metric, action, count)
       select $4, at - at % 3600000, 'view', '', count(*) from views group by 2
       on conflict (message_id, hour, metric, action)
         do update set count = message_stats.count + excluded.count
     ),
     ids as (
       insert into event_ids (workspace_id, message_id, received_at)
       select $1, 'inapp:view-' || p, at from views
     )
     ${INSERT_EVENTS}
     select $1, 'inapp:view-' || p, 'inapp', 'in-app:message-opened', user_id, 'anon-' || p,
       null, null,
       '{"kind":"opened","messageId":"' || $4 || '","version":1,"deliveryId":"' || $4 ||
         '.1..bench","visitor":"u:' || user_id || '"}',
       null, null, null, at, at, null, at
     from views`,
    [workspaceId, from, to, messageId, now],
  );
  await client.query(
    `update profiles set last_seen_at = greatest(profiles.last_seen_at, $4::bigint - ${SQL.viewAgo})
     from ${PEOPLE}
     where profiles.workspace_id = $1 and profiles.user_id = 'user-' || p`,
    [workspaceId, from, to, now],
  );
  return result.rowCount ?? 0;
}

/** A segment of scale-data.ts: ≥ 1 `event` in the last `withinDays` UTC days, or a trait. */
export type BulkSegment = { id: string; name: string } & (
  { event: string; withinDays: number } | { trait: string; equals: string }
);

/**
 * What segment evaluation leaves once every call is applied: daily counters per person of each
 * event segment's event (key `e:<event>`, no filters), a member row for each person the
 * segment takes in, and the "entered segment" row of their activity.
 */
export async function deriveSegments(
  client: pg.Client,
  workspaceId: string,
  segments: BulkSegment[],
  now: number,
): Promise<void> {
  const events = segments.flatMap((s) => ('event' in s ? [s.event] : []));
  await client.query(
    `insert into person_event_counts (profile_id, workspace_id, counter, day, count)
     select profiles.id, $1, 'e:' || events.name, events.timestamp - events.timestamp % ${DAY},
       count(*)
     from events join profiles
       on profiles.workspace_id = events.workspace_id and profiles.user_id = events.user_id
     where events.workspace_id = $1 and events.type = 'track' and events.name = any($2)
     group by 1, 3, 4`,
    [workspaceId, events],
  );
  for (const segment of segments) {
    const members =
      'event' in segment
        ? `select profile_id from person_event_counts
           where workspace_id = $1 and counter = $3 and day >= $4
           group by profile_id having sum(count) >= 1`
        : `select id as profile_id from profiles
           where workspace_id = $1 and traits::json ->> $3 = $4`;
    const parameters =
      'event' in segment
        ? [`e:${segment.event}`, Math.floor(now / DAY) * DAY - (segment.withinDays - 1) * DAY]
        : [segment.trait, segment.equals];
    await client.query(
      `with entered as (
         insert into segment_members (segment_id, profile_id, workspace_id, entered_at)
         select $2, profile_id, $1, $5 from (${members}) as matching
         returning profile_id
       )
       insert into events (workspace_id, message_id, type, name, user_id, properties,
         timestamp, received_at)
       select $1, 'seg_' || substr(md5(random()::text), 1, 16), 'segment', 'entered segment',
         profiles.user_id, $6, $5, $5
       from entered join profiles on profiles.id = entered.profile_id`,
      [
        workspaceId,
        segment.id,
        ...parameters,
        now,
        JSON.stringify({ segmentId: segment.id, segmentName: segment.name }),
      ],
    );
  }
}
