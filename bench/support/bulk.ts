/**
 * bench/scale's bulk load on PostgreSQL: the track calls of scale-data.ts inserted by the
 * database itself, as rows the store's pipeline writes for them, and what follows from them for
 * the event segments (counters, memberships, the "entered segment" rows of each activity), as
 * segment evaluation decides it. The pipeline loads a million people's 25 million tracks in
 * hours; this in minutes. `checkBulkLoad` (scale-check.ts) proves, on a few hundred people each
 * run, that both loads leave the same rows.
 */
import type pg from 'pg';
import { DAY, SQL } from './scale-data.js';

/** People from `from` up to `to`, each with its events: columns `p` and `e`. */
const PEOPLE_EVENTS = `generate_series($2::int, $3::int - 1) as p
  cross join lateral generate_series(0, ${SQL.eventCount} - 1) as e`;

/**
 * People `from` to `to`: their tracks (`events` and the `event_ids` that dedupe them, received
 * at `now`), and each profile's `last_seen_at` moved to their latest track, as identity
 * resolution moves it.
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
     insert into events (workspace_id, message_id, type, name, user_id, anonymous_id, group_id,
       previous_id, properties, traits, context, integrations, timestamp, original_timestamp,
       sent_at, received_at)
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

/** An event segment of scale-data.ts: ≥ 1 `event` in the last `withinDays` UTC days. */
export interface EventSegment {
  id: string;
  name: string;
  event: string;
  withinDays: number;
}

/**
 * What the pipeline's campaigns effect leaves for these segments once every track is applied:
 * daily counters per person of each segment's event (key `e:<event>`, no filters), a member row
 * for each person counted within the window, and the "entered segment" row of their activity.
 */
export async function deriveEventSegments(
  client: pg.Client,
  workspaceId: string,
  segments: EventSegment[],
  now: number,
): Promise<void> {
  await client.query(
    `insert into person_event_counts (profile_id, workspace_id, counter, day, count)
     select profiles.id, $1, 'e:' || events.name, events.timestamp - events.timestamp % ${DAY},
       count(*)
     from events join profiles
       on profiles.workspace_id = events.workspace_id and profiles.user_id = events.user_id
     where events.workspace_id = $1 and events.type = 'track' and events.name = any($2)
     group by 1, 3, 4`,
    [workspaceId, segments.map((s) => s.event)],
  );
  for (const segment of segments) {
    const since = Math.floor(now / DAY) * DAY - (segment.withinDays - 1) * DAY;
    await client.query(
      `with entered as (
         insert into segment_members (segment_id, profile_id, workspace_id, entered_at)
         select $2, profile_id, $1, $4 from person_event_counts
         where workspace_id = $1 and counter = $3 and day >= $5
         group by profile_id having sum(count) >= 1
         returning profile_id
       )
       insert into events (workspace_id, message_id, type, name, user_id, properties,
         timestamp, received_at)
       select $1, 'seg_' || substr(md5(random()::text), 1, 16), 'segment', 'entered segment',
         profiles.user_id, $6, $4, $4
       from entered join profiles on profiles.id = entered.profile_id`,
      [
        workspaceId,
        segment.id,
        `e:${segment.event}`,
        now,
        since,
        JSON.stringify({ segmentId: segment.id, segmentName: segment.name }),
      ],
    );
  }
}
