import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from './dialect.js';
import { readJson } from './json.js';
import type { Schema } from './schema.js';

const HOUR = 3_600_000;
/** The call fields that say who a tracking call is from (normalize.ts). */
const WHO = ['userId', 'anonymousId', 'previousId'] as const;

/** What erasing a person removed. */
export interface Erasure {
  /** Their events deleted. */
  events: number;
  /** Every visitor key of theirs (`u:<userId>`, `a:<anonymousId>`): cached answers to drop. */
  visitors: string[];
}

/**
 * Erases person `profileId` of the workspace, in the caller's transaction: every row about them.
 * Answers undefined when there is no such profile (any more).
 *
 * - `profiles` and `identities`: the profile, every userId and anonymous ID linked to it;
 * - `events` (and on PostgreSQL their `event_ids`): every event sent under any of those;
 * - `message_states` under `u:<each userId>` and `a:<each anonymous ID>`;
 * - `message_queue`: test sends, broadcast and campaign entries, under those keys or the profile;
 * - `conversions` of the profile (or of one of their visitor keys), each taken off its message's
 *   hourly `conversion` figure: conversions count people, as unique viewers do, and both stop
 *   counting the erased person. The other hourly figures (views, dismissals, clicks, errors)
 *   are counts with no identity, and stay;
 * - `segment_members` and `person_event_counts`;
 * - `jobs`: the delayed campaign sends naming them (pending, done or set aside: the payload
 *   holds their userId and the triggering event's properties);
 * - `ingest_log`: tracking requests set aside for an operator lose the calls sent under any of
 *   their identifiers; a request left with none (or that cannot be read, and mentions one) goes.
 *
 * On PostgreSQL the profile is locked first: a send (campaigns/jobs.ts) or an alias merge of the
 * person in flight finishes before, or finds nobody after.
 */
export async function erasePerson(
  trx: Kysely<Schema>,
  dialect: DialectName,
  workspaceId: string,
  profileId: string,
): Promise<Erasure | undefined> {
  const profile = await trx
    .selectFrom('profiles')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', profileId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!profile) return undefined;
  const identities = await trx
    .selectFrom('identities')
    .select(['kind', 'value'])
    .where('profile_id', '=', profileId)
    .execute();
  const userIds = identities.filter((i) => i.kind === 'user').map((i) => i.value);
  const anonymousIds = identities.filter((i) => i.kind === 'anonymous').map((i) => i.value);
  // Their visitor keys, read by the statements below from the identities (deleted last).
  const keys = visitorKeys(trx, profileId);

  const events = await eraseEvents(trx, dialect, workspaceId, {
    user: userIds,
    anonymous: anonymousIds,
  });
  await trx
    .deleteFrom('message_states')
    .where('workspace_id', '=', workspaceId)
    .where('visitor', 'in', keys)
    .execute();
  await trx
    .deleteFrom('message_queue')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('visitor', 'in', keys), eb('profile_id', '=', profileId)]))
    .execute();
  await eraseConversions(trx, workspaceId, profileId, keys);
  await eraseDelayedSends(trx, workspaceId, profileId, new Set(userIds));
  await redactSetAside(trx, workspaceId, new Set([...userIds, ...anonymousIds]));
  await trx.deleteFrom('segment_members').where('profile_id', '=', profileId).execute();
  await trx.deleteFrom('person_event_counts').where('profile_id', '=', profileId).execute();
  await trx.deleteFrom('identities').where('profile_id', '=', profileId).execute();
  await trx.deleteFrom('profiles').where('id', '=', profileId).execute();
  return {
    events,
    visitors: [...userIds.map((u) => `u:${u}`), ...anonymousIds.map((a) => `a:${a}`)],
  };
}

/** Identifier values per statement: well under both dialects' bound-parameter limits. */
const IN_CHUNK = 500;

/**
 * Deletes the person's events (and their dedupe rows on PostgreSQL); answers how many. The
 * identifiers are named as values, so that each partition's (user_id) and (anonymous_id)
 * indexes find the rows: as `IN (subquery)` inside an `OR`, PostgreSQL filtered every event of
 * the workspace (people.ts, idsOf).
 */
async function eraseEvents(
  trx: Kysely<Schema>,
  dialect: DialectName,
  workspaceId: string,
  ids: { user: string[]; anonymous: string[] },
): Promise<number> {
  const tagged = [
    ...ids.user.map((value) => ['user_id', value] as const),
    ...ids.anonymous.map((value) => ['anonymous_id', value] as const),
  ];
  let deleted = 0;
  for (let i = 0; i < tagged.length; i += IN_CHUNK) {
    const chunk = tagged.slice(i, i + IN_CHUNK);
    const theirs = (eb: ExpressionBuilder<Schema, 'events'>) => {
      const user = chunk.filter(([c]) => c === 'user_id').map(([, v]) => v);
      const anonymous = chunk.filter(([c]) => c === 'anonymous_id').map(([, v]) => v);
      return eb.or([
        ...(user.length ? [eb('user_id', 'in', user)] : []),
        ...(anonymous.length ? [eb('anonymous_id', 'in', anonymous)] : []),
      ]);
    };
    if (dialect === 'postgres') {
      await trx
        .deleteFrom('event_ids')
        .where('workspace_id', '=', workspaceId)
        .where('message_id', 'in', (eb) =>
          eb
            .selectFrom('events')
            .select('message_id')
            .where('workspace_id', '=', workspaceId)
            .where(theirs),
        )
        .execute();
    }
    const result = await trx
      .deleteFrom('events')
      .where('workspace_id', '=', workspaceId)
      .where(theirs)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Deletes the person's conversions, each taken off its message's hourly conversion figure. */
async function eraseConversions(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileId: string,
  keys: ReturnType<typeof visitorKeys>,
): Promise<void> {
  const theirs = (eb: ExpressionBuilder<Schema, 'conversions'>) =>
    eb.or([
      eb('profile_id', '=', profileId),
      eb.and([eb('workspace_id', '=', workspaceId), eb('visitor', 'in', keys)]),
    ]);
  const conversions = await trx
    .selectFrom('conversions')
    .select(['message_id', 'converted_at'])
    .where(theirs)
    .execute();
  for (const conversion of conversions) {
    await trx
      .updateTable('message_stats')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('message_id', '=', conversion.message_id)
      .where('hour', '=', Math.floor(Number(conversion.converted_at) / HOUR) * HOUR)
      .where('metric', '=', 'conversion')
      .where('action', '=', '')
      .where('count', '>', 0)
      .execute();
  }
  if (conversions.length > 0) await trx.deleteFrom('conversions').where(theirs).execute();
}

/** The person's visitor keys (`u:<userId>`, `a:<anonymousId>`), as a subquery. */
function visitorKeys(trx: Kysely<Schema>, profileId: string) {
  return trx
    .selectFrom('identities')
    .select(sql<string>`case when kind = 'user' then 'u:' else 'a:' end || value`.as('key'))
    .where('profile_id', '=', profileId);
}

/**
 * Deletes the `campaign.send` jobs of the person, whatever their state: their payload names the
 * profile and a userId, and holds the triggering event's properties.
 */
async function eraseDelayedSends(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileId: string,
  userIds: Set<string>,
): Promise<void> {
  // A cheap filter on the JSON text (as written: JSON.stringify); the payload decides below.
  const needles = [profileId, ...userIds].map((id) => JSON.stringify(id));
  const jobs = await trx
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'campaign.send')
    .where((eb) => eb.or(needles.map((needle) => contains('payload', needle))))
    .execute();
  const ids = jobs
    .filter((job) => {
      const payload = readJson<{ profileId?: unknown; userId?: unknown }>(job.payload, {});
      return (
        payload.profileId === profileId ||
        (typeof payload.userId === 'string' && userIds.has(payload.userId))
      );
    })
    .map((job) => job.id);
  if (ids.length > 0) await trx.deleteFrom('jobs').where('id', 'in', ids).execute();
}

/** `column LIKE '%text%'`, `text` taken literally on both dialects. */
function contains(column: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/**
 * Takes the person's calls out of the tracking requests set aside in `ingest_log` (the request
 * bodies as received, kept for an operator): a call goes when its userId, anonymousId or
 * previousId is one of `ids`; the others stay, re-encoded. A request left with no call, or one
 * that cannot be read and mentions one of `ids` anywhere, is deleted whole.
 */
async function redactSetAside(
  trx: Kysely<Schema>,
  workspaceId: string,
  ids: Set<string>,
): Promise<void> {
  if (ids.size === 0) return;
  const rows = await trx
    .selectFrom('ingest_log')
    .select(['id', 'route', 'body'])
    .where('workspace_id', '=', workspaceId)
    .where('error', 'is not', null)
    .execute();
  for (const row of rows) {
    const outcome = redact(row.route === 'batch', row.body, ids);
    if (outcome === 'keep') continue;
    if (outcome === 'delete') {
      await trx.deleteFrom('ingest_log').where('id', '=', row.id).execute();
    } else {
      await trx
        .updateTable('ingest_log')
        .set({ body: outcome.body, item_count: outcome.items })
        .where('id', '=', row.id)
        .execute();
    }
  }
}

/** What becomes of one set-aside request body without the calls of `ids`. */
export function redact(
  batch: boolean,
  body: string,
  ids: Set<string>,
): 'keep' | 'delete' | { body: string; items: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const calls = !isObject(parsed) ? undefined : batch ? parsed.batch : [parsed];
  if (!Array.isArray(calls)) {
    // Unreadable as a request: whether it is theirs cannot be told call by call.
    const mentioned = [...ids].some((id) => body.includes(JSON.stringify(id)));
    return mentioned ? 'delete' : 'keep';
  }
  const kept = calls.filter((call) => !isObject(call) || !WHO.some((f) => ids.has(idOf(call[f]))));
  if (kept.length === calls.length) return 'keep';
  if (kept.length === 0 || !batch) return 'delete';
  return { body: JSON.stringify({ ...(parsed as object), batch: kept }), items: kept.length };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An identifier as the tracking API reads it: a string, or a number as text. */
function idOf(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value : '';
}
