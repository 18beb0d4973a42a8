import type { Kysely } from 'kysely';
import { HeraldError } from '../errors.js';
import type { DialectName } from './dialect.js';
import { type Erasure, erasePerson } from './erasure.js';
import { readJson } from './json.js';
import type { EventRow, IdentityKind, Schema } from './schema.js';

export interface Person {
  userId: string;
  /** Other userIds merged into this person by `alias`. */
  aliases: string[];
  email: string | null;
  traits: Record<string, unknown>;
  anonymousIds: string[];
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number;
}

/** One entry of the activity log, shaped like the tracking call it came from. */
export interface ActivityEvent {
  id: number;
  messageId: string;
  type: EventRow['type'];
  event?: string;
  name?: string;
  userId: string | null;
  anonymousId: string | null;
  groupId?: string;
  previousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  timestamp: string;
  receivedAt: string;
}

export interface ActivityPage {
  data: ActivityEvent[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  next: string | null;
}

/** Whose activity: a person by any of their userIds, or one anonymous ID on its own. */
export type Subject = { profileId: string } | { anonymousId: string };

/** People: profiles, the identifiers merged into them, and their activity log. */
export class PeopleRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    /** Needed by {@link erase} only. */
    private readonly dialect?: DialectName,
  ) {}

  /** The profile a userId (canonical or merged by alias) or an anonymous ID belongs to. */
  async profileIdOf(workspaceId: string, kind: IdentityKind, value: string) {
    const row = await this.db
      .selectFrom('identities')
      .select('profile_id')
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .where('value', '=', value)
      .executeTakeFirst();
    return row?.profile_id;
  }

  /** The traits Liquid personalises with, for a userId (canonical or alias), in one query. */
  async traitsOf(
    workspaceId: string,
    userId: string,
  ): Promise<
    { userId: string; email: string | null; traits: Record<string, unknown> } | undefined
  > {
    const row = await this.db
      .selectFrom('identities')
      .innerJoin('profiles', 'profiles.id', 'identities.profile_id')
      .select(['profiles.user_id', 'profiles.email', 'profiles.traits'])
      .where('identities.workspace_id', '=', workspaceId)
      .where('identities.kind', '=', 'user')
      .where('identities.value', '=', userId)
      .executeTakeFirst();
    return row && { userId: row.user_id, email: row.email, traits: readJson(row.traits, {}) };
  }

  /** The userId of the person with this email (emails are kept lower-case). */
  async userIdByEmail(workspaceId: string, email: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('profiles')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email.trim().toLowerCase())
      .orderBy('last_seen_at', 'desc')
      .executeTakeFirst();
    return row?.user_id;
  }

  async get(workspaceId: string, profileId: string): Promise<Person | undefined> {
    const profile = await this.db
      .selectFrom('profiles')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', profileId)
      .executeTakeFirst();
    if (!profile) return undefined;
    const identities = await this.db
      .selectFrom('identities')
      .select(['kind', 'value'])
      .where('profile_id', '=', profileId)
      .orderBy('created_at')
      .orderBy('value')
      .execute();
    return {
      userId: profile.user_id,
      aliases: identities
        .filter((i) => i.kind === 'user' && i.value !== profile.user_id)
        .map((i) => i.value),
      email: profile.email,
      traits: readJson(profile.traits, {}),
      anonymousIds: identities.filter((i) => i.kind === 'anonymous').map((i) => i.value),
      createdAt: profile.created_at,
      updatedAt: profile.updated_at,
      lastSeenAt: profile.last_seen_at,
    };
  }

  /**
   * The userIds and anonymous IDs a subject's events carry, read first (through the identities'
   * profile index) so that the events query names them as values: PostgreSQL then reaches the
   * person's rows through the events' (user_id) and (anonymous_id) indexes of each partition. As
   * `IN (subquery)` inside an `OR`, it filtered the whole workspace's events instead.
   */
  private async idsOf(
    workspaceId: string,
    subject: Subject,
  ): Promise<{ user: string[]; anonymous: string[] }> {
    if ('anonymousId' in subject) return { user: [], anonymous: [subject.anonymousId] };
    const rows = await this.db
      .selectFrom('identities')
      .select(['kind', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('profile_id', '=', subject.profileId)
      .execute();
    return {
      user: rows.filter((r) => r.kind === 'user').map((r) => r.value),
      anonymous: rows.filter((r) => r.kind === 'anonymous').map((r) => r.value),
    };
  }

  /** The subject's events, newest first, `limit` at a time. */
  async activity(
    workspaceId: string,
    subject: Subject,
    options: { limit: number; before?: string | undefined },
  ): Promise<ActivityPage> {
    const ids = await this.idsOf(workspaceId, subject);
    if (ids.user.length === 0 && ids.anonymous.length === 0) return { data: [], next: null };
    let query = this.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([
          ...(ids.user.length ? [eb('user_id', 'in', ids.user)] : []),
          ...(ids.anonymous.length ? [eb('anonymous_id', 'in', ids.anonymous)] : []),
        ]),
      );
    const cursor = decodeCursor(options.before);
    if (cursor) {
      // A row-value comparison, as for segment members: an index can seek straight to it.
      query = query.where((eb) =>
        eb(eb.refTuple('timestamp', 'id'), '<', eb.tuple(cursor.timestamp, cursor.id)),
      );
    }
    const rows = await query
      .orderBy('timestamp', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit + 1)
      .execute();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toActivityEvent),
      next: rows.length > options.limit && last ? encodeCursor(last.timestamp, last.id) : null,
    };
  }

  /**
   * Erases a person and every row about them, in one transaction (erasure.ts lists them).
   * Throws not_found when the profile is gone meanwhile (erased, or merged into another by
   * alias: erase that person). On PostgreSQL a transaction that deadlocked with ingest is retried.
   */
  async erase(workspaceId: string, profileId: string): Promise<Erasure> {
    if (!this.dialect) throw new Error('PeopleRepository: erase needs the dialect');
    const dialect = this.dialect;
    for (let attempt = 1; ; attempt++) {
      try {
        const erased = await this.db
          .transaction()
          .execute((trx) => erasePerson(trx, dialect, workspaceId, profileId));
        if (!erased) throw new HeraldError('not_found', 'No such person (any more)', 'userId');
        return erased;
      } catch (error) {
        if (attempt >= ERASE_ATTEMPTS || (error as { code?: unknown }).code !== DEADLOCK) {
          throw error;
        }
      }
    }
  }
}

/** PostgreSQL's SQLSTATE for a transaction chosen to break a deadlock. */
const DEADLOCK = '40P01';
const ERASE_ATTEMPTS = 3;

/** Events of the subject: sent under any of a person's userIds or anonymous IDs. */

function toActivityEvent(row: EventRow): ActivityEvent {
  const event: ActivityEvent = {
    id: row.id,
    messageId: row.message_id,
    type: row.type,
    userId: row.user_id,
    anonymousId: row.anonymous_id,
    timestamp: new Date(row.timestamp).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
  };
  if (row.name !== null) {
    if (row.type === 'track') event.event = row.name;
    else event.name = row.name;
  }
  if (row.group_id !== null) event.groupId = row.group_id;
  if (row.previous_id !== null) event.previousId = row.previous_id;
  if (row.properties !== null) event.properties = readJson(row.properties, {});
  if (row.traits !== null) event.traits = readJson(row.traits, {});
  if (row.context !== null) event.context = readJson(row.context, {});
  return event;
}

/**
 * A page cursor, opaque to clients: the sort key of a page's last row, a time (ms) and an id.
 * Lists paged newest first by (time, id) share it: activity (event ids), segment members
 * (profile ids).
 */
export function encodeCursor(timestamp: number, id: number | string): string {
  return Buffer.from(`${timestamp}.${id}`).toString('base64url');
}

const CURSOR = { number: /^(-?\d{1,16})\.(\d{1,16})$/, text: /^(-?\d{1,16})\.([\w-]{1,100})$/ };

/** The time and id of a cursor {@link encodeCursor} made, or undefined for anything else. */
export function decodeCursor(
  cursor: string | undefined,
): { timestamp: number; id: number } | undefined;
/** …whose id is text (a profile id): letters, digits, `-` and `_`. */
export function decodeCursor(
  cursor: string | undefined,
  ids: 'text',
): { timestamp: number; id: string } | undefined;
export function decodeCursor(cursor: string | undefined, ids: 'number' | 'text' = 'number') {
  if (!cursor) return undefined;
  const match = CURSOR[ids].exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) return undefined;
  return { timestamp: Number(match[1]), id: ids === 'text' ? match[2]! : Number(match[2]) };
}
