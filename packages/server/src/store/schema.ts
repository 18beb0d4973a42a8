import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables as Kysely sees them. Times are epoch milliseconds in a BIGINT column on both
 * dialects (sortable, comparable and partitionable alike); JSON documents are stored as text on
 * both, so that a value SQLite accepts is one PostgreSQL accepts too (jsonb refuses `\u0000`).
 */
export interface Schema {
  workspaces: WorkspaceTable;
  workspace_keys: WorkspaceKeyTable;
  profiles: ProfileTable;
  identities: IdentityTable;
  events: EventTable;
}

/** A JSON document: written as a string, read back as the string that was written. */
export type JsonText = ColumnType<string, string, string>;
export type NullableJsonText = ColumnType<string | null, string | null, string | null>;

export interface WorkspaceTable {
  id: string;
  name: string;
  /** {@link WorkspaceSettings} as JSON. */
  settings: JsonText;
  created_at: number;
  updated_at: number;
}

export type KeyKind = 'write' | 'secret';

export interface WorkspaceKeyTable {
  /** The key itself. Write keys are public; secret keys never leave the server side. */
  token: string;
  workspace_id: string;
  kind: KeyKind;
  created_at: number;
  revoked_at: number | null;
}

export interface ProfileTable {
  id: string;
  workspace_id: string;
  /** The canonical userId; others merged in by `alias` live in `identities`. */
  user_id: string;
  email: string | null;
  traits: JsonText;
  created_at: number;
  updated_at: number;
  last_seen_at: number;
}

export type IdentityKind = 'user' | 'anonymous';

/** Every identifier that resolves to a profile: its userIds and the anonymous IDs merged into it. */
export interface IdentityTable {
  workspace_id: string;
  kind: IdentityKind;
  value: string;
  profile_id: string;
  created_at: number;
}

export type EventType = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';

/** The activity log: one row per accepted tracking call. */
export interface EventTable {
  id: Generated<number>;
  workspace_id: string;
  /** The client's `messageId`: the dedupe key within a workspace. */
  message_id: string;
  type: EventType;
  /** The `event` of a track call, or the `name` of a page or screen call. */
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  properties: NullableJsonText;
  traits: NullableJsonText;
  context: NullableJsonText;
  integrations: NullableJsonText;
  /** When it happened, corrected for the client's clock skew. */
  timestamp: number;
  /** The client's own timestamp, as sent. */
  original_timestamp: number | null;
  sent_at: number | null;
  received_at: number;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type ProfileRow = Selectable<ProfileTable>;
export type EventRow = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
