import { HOLDOUT } from '@herald/protocol';
import type { Kysely } from 'kysely';
import { earliest, foldQueue, latest } from './queue-merge.js';
import type { Schema } from './schema.js';

const HOUR = 3_600_000;
/** Message ids per query: well under both dialects' bound-parameter limits. */
const IN_CHUNK = 500;

/**
 * What alias merging profile A into profile B does to the person's in-app data. It runs in the
 * ingest transaction right after A's identities moved to B (identity.ts), before any other effect
 * of the batch, so that everything after it sees one person. Every table that names a person:
 *
 * - `message_states` under `u:<userId>`: the rows of each userId of the merged person other than
 *   B's own (`profiles.user_id`) are folded into B's key, which is where a person's state lives
 *   whichever userId they present (message-states.ts, stateKeyOf). Per message, views add up
 *   (the person saw it that often), the first view and first click are the earliest (goal
 *   windows), the last view and the dismissal the latest (cooldowns, caps, re-eligibility): a
 *   message dismissed under either userId stays dismissed, and the person counts once among its
 *   unique viewers. An inbox item read or archived under either userId is read or archived.
 * - `message_queue` (profile and visitor): moved to B (queue-merge.ts), one send once.
 * - `conversions` (profile): moved to B. A message both had converted on keeps the earlier
 *   conversion; the later comes off the message's figures, which counted it.
 * - `message_states` under `a:<anonymousId>`: left. Anonymous messages are for anonymous
 *   visitors; an anonymous ID's state stays that browser's, and goals read it through the
 *   identities, which moved.
 * - `events`: left. History is kept as received; the identities say whose it is.
 * - `segment_members`, `person_event_counts`, and delayed campaign sends in `jobs`: folded by
 *   the campaigns effect later in the same transaction (campaigns/identity-changes.ts). A send
 *   finds the person's canonical userId again when its job runs, under their lock
 *   (campaigns/jobs.ts): one that raced the merge still queues under B's key.
 *
 * Answers the merged person's visitor keys, whose answers changed.
 */
export async function mergeMessageData(
  trx: Kysely<Schema>,
  workspaceId: string,
  fromId: string,
  intoId: string,
  at: number,
): Promise<string[]> {
  const visitors = await foldVisitorKeys(trx, workspaceId, intoId, at);
  await foldConversions(trx, fromId, intoId);
  return visitors;
}

/**
 * Folds the message states and queued entries under every userId of person `profileId` other
 * than their own (`profiles.user_id`) into their own key: A's, and those of earlier merges (a
 * row written by a transaction that raced an earlier merge is folded now). Answers the person's
 * visitor keys.
 */
export async function foldVisitorKeys(
  trx: Kysely<Schema>,
  workspaceId: string,
  profileId: string,
  at: number,
  schema: FoldSchema = CURRENT,
): Promise<string[]> {
  const person = await trx
    .selectFrom('profiles')
    .select('user_id')
    .where('id', '=', profileId)
    .executeTakeFirstOrThrow();
  const key = `u:${person.user_id}`;
  const identities = await trx
    .selectFrom('identities')
    .select('value')
    .where('profile_id', '=', profileId)
    .where('kind', '=', 'user')
    .execute();
  const aliases = identities.map((i) => `u:${i.value}`).filter((k) => k !== key);
  await foldStates(trx, workspaceId, aliases, key, schema);
  await foldQueue(trx, { workspaceId, aliases, key, profileId, at });
  return [key, ...aliases];
}

/**
 * Every visitor key a browser may present for the people `visitors` name: each `u:<userId>`
 * brings `u:` and every userId of that person (canonical or merged in by alias), other keys come
 * as they are. A person's answer is the same under each of them (message-states.ts, stateKeyOf),
 * so a change to the person is announced to all: a page still presenting a merged-away userId
 * (the SDK's alias keeps it) learns of a send queued under the canonical one. Read it in the
 * transaction that made the change; a merge committing later announces every key itself.
 */
export async function personKeys(
  db: Kysely<Schema>,
  workspaceId: string,
  visitors: Iterable<string>,
): Promise<Set<string>> {
  const keys = new Set(visitors);
  const userIds = [...keys].filter((k) => k.startsWith('u:')).map((k) => k.slice(2));
  for (let i = 0; i < userIds.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('identities as presented')
      .innerJoin('identities as other', 'other.profile_id', 'presented.profile_id')
      .select('other.value')
      .where('presented.workspace_id', '=', workspaceId)
      .where('presented.kind', '=', 'user')
      .where('presented.value', 'in', userIds.slice(i, i + IN_CHUNK))
      .where('other.kind', '=', 'user')
      .execute();
    for (const row of rows) keys.add(`u:${row.value}`);
  }
  return keys;
}

interface StateRow {
  message_id: string;
  views: number;
  first_viewed_at: number | null;
  last_viewed_at: number | null;
  dismissed_at: number | null;
  first_clicked_at: number | null;
  variant?: string | null;
  locale?: string | null;
  exposed_at?: number | null;
  read_at?: number | null;
  archived_at?: number | null;
}

const STATE_COLUMNS = [
  'message_id',
  'views',
  'first_viewed_at',
  'last_viewed_at',
  'dismissed_at',
  'first_clicked_at',
] as const;
const EXPERIMENT_COLUMNS = ['variant', 'locale', 'exposed_at'] as const; // 0011
const INBOX_COLUMNS = ['read_at', 'archived_at'] as const; // 0012

/**
 * Which of the columns that later migrations added exist: migrations that fold people (0009)
 * run against the schema of their own time, before 0011 added the experiment columns and 0012
 * the inbox's.
 */
export interface FoldSchema {
  experiments: boolean;
  inbox: boolean;
}
const CURRENT: FoldSchema = { experiments: true, inbox: true };

/** Folds the message states under `aliases` into those under `key`. */
async function foldStates(
  trx: Kysely<Schema>,
  workspaceId: string,
  aliases: string[],
  key: string,
  schema: FoldSchema,
): Promise<void> {
  if (aliases.length === 0) return;
  const columns = [
    ...STATE_COLUMNS,
    ...(schema.experiments ? EXPERIMENT_COLUMNS : []),
    ...(schema.inbox ? INBOX_COLUMNS : []),
  ];
  const moved = await trx
    .selectFrom('message_states')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .where('visitor', 'in', aliases)
    .execute();
  if (moved.length === 0) return;
  const folded = new Map<string, StateRow>();
  for (const row of moved) folded.set(row.message_id, foldState(folded.get(row.message_id), row));
  const ids = [...folded.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await trx
      .selectFrom('message_states')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
      .where('visitor', '=', key)
      .where('message_id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const row of rows) {
      existing.add(row.message_id);
      folded.set(row.message_id, foldState(folded.get(row.message_id), row));
    }
  }
  await trx
    .deleteFrom('message_states')
    .where('workspace_id', '=', workspaceId)
    .where('visitor', 'in', aliases)
    .execute();
  for (const [messageId, row] of folded) {
    const state = {
      views: row.views,
      first_viewed_at: row.first_viewed_at,
      last_viewed_at: row.last_viewed_at,
      dismissed_at: row.dismissed_at,
      first_clicked_at: row.first_clicked_at,
      ...(schema.experiments
        ? { variant: row.variant, locale: row.locale, exposed_at: row.exposed_at }
        : {}),
      ...(schema.inbox ? { read_at: row.read_at, archived_at: row.archived_at } : {}),
    };
    if (existing.has(messageId)) {
      await trx
        .updateTable('message_states')
        .set(state)
        .where('message_id', '=', messageId)
        .where('visitor', '=', key)
        .execute();
    } else {
      await trx
        .insertInto('message_states')
        .values({ message_id: messageId, visitor: key, workspace_id: workspaceId, ...state })
        .execute();
    }
  }
}

/** One person's state of a message, from two of their visitor keys'. */
function foldState(a: StateRow | undefined, b: StateRow): StateRow {
  if (!a) return { ...b, views: Number(b.views) };
  // The person keeps the variant (and language) they were exposed to first.
  const first =
    b.exposed_at != null && (a.exposed_at == null || Number(b.exposed_at) < Number(a.exposed_at))
      ? b
      : a;
  return {
    variant: first.variant,
    locale: first.locale,
    exposed_at: first.exposed_at,
    message_id: a.message_id,
    views: Number(a.views) + Number(b.views),
    first_viewed_at: earliest(a.first_viewed_at, b.first_viewed_at),
    last_viewed_at: latest(a.last_viewed_at, b.last_viewed_at),
    dismissed_at: latest(a.dismissed_at, b.dismissed_at),
    first_clicked_at: earliest(a.first_clicked_at, b.first_clicked_at),
    // Read or archived under either userId: so for the person (their unread count drops).
    read_at: earliest(a.read_at ?? null, b.read_at ?? null),
    archived_at: earliest(a.archived_at ?? null, b.archived_at ?? null),
  };
}

interface ConversionRow {
  message_id: string;
  workspace_id: string;
  visitor: string;
  converted_at: number;
  variant?: string | null;
  locale?: string | null;
}

/**
 * Moves profile `fromId`'s conversions to `intoId`. A person converts once per message: where
 * both had converted, the earlier conversion stays and the later is taken off the message's
 * hourly figures, which counted it when it happened.
 */
export async function foldConversions(
  trx: Kysely<Schema>,
  fromId: string,
  intoId: string,
  schema: FoldSchema = CURRENT,
) {
  const experiment = schema.experiments ? (['variant', 'locale'] as const) : [];
  const moved: Array<ConversionRow> = await trx
    .selectFrom('conversions')
    .select(['message_id', 'workspace_id', 'visitor', 'converted_at', ...experiment])
    .where('profile_id', '=', fromId)
    .execute();
  if (moved.length === 0) return;
  const kept = new Map<string, { converted_at: number; variant?: string | null }>();
  const ids = moved.map((c) => c.message_id);
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await trx
      .selectFrom('conversions')
      .select(['message_id', 'converted_at', ...experiment.slice(0, 1)])
      .where('profile_id', '=', intoId)
      .where('message_id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const row of rows) kept.set(row.message_id, row);
  }
  await trx.deleteFrom('conversions').where('profile_id', '=', fromId).execute();
  for (const conversion of moved) {
    const other = kept.get(conversion.message_id);
    if (!other) {
      await trx
        .insertInto('conversions')
        .values({ ...conversion, profile_id: intoId })
        .execute();
      continue;
    }
    const movedFirst = Number(conversion.converted_at) < Number(other.converted_at);
    const later = movedFirst ? other : conversion;
    if (movedFirst) {
      const { visitor, converted_at, variant, locale } = conversion;
      await trx
        .updateTable('conversions')
        .set({ visitor, converted_at, ...(schema.experiments ? { variant, locale } : {}) })
        .where('message_id', '=', conversion.message_id)
        .where('profile_id', '=', intoId)
        .execute();
    }
    // A holdout's conversion was never in the message's own figures (inapp/goals.ts).
    if (later.variant === HOLDOUT) continue;
    await trx
      .updateTable('message_stats')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('message_id', '=', conversion.message_id)
      .where('hour', '=', Math.floor(Number(later.converted_at) / HOUR) * HOUR)
      .where('metric', '=', 'conversion')
      .where('action', '=', '')
      .where('count', '>', 0)
      .execute();
  }
}
