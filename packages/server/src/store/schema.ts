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
  /** PostgreSQL only: dedupe of events by messageId across `events` partitions. */
  event_ids: EventIdTable;
  messages: MessageTable;
  message_states: MessageStateTable;
  message_stats: MessageStatTable;
  conversions: ConversionTable;
  message_queue: MessageQueueTable;
  ingest_log: IngestLogTable;
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

/** `inapp`: an event the SDK reported about a message it showed (never sent through /v1). */
export type EventType = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias' | 'inapp';

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

export interface EventIdTable {
  workspace_id: string;
  message_id: string;
  received_at: number;
}

export type MessageStatusColumn = 'draft' | 'active' | 'paused' | 'archived';

export interface MessageTable {
  id: string;
  workspace_id: string;
  status: MessageStatusColumn;
  version: number;
  /** The MessageDefinition as JSON. */
  definition: JsonText;
  audience: 'anonymous' | 'identified';
  priority: number;
  start_at: number | null;
  end_at: number | null;
  launched_at: number | null;
  created_at: number;
  updated_at: number;
}

/** What one visitor (`a:<anonymousId>` or `u:<userId>`) did with one message. */
export interface MessageStateTable {
  message_id: string;
  visitor: string;
  workspace_id: string;
  views: number;
  first_viewed_at: number | null;
  last_viewed_at: number | null;
  dismissed_at: number | null;
  first_clicked_at: number | null;
}

export type StatMetric = 'view' | 'dismissal' | 'click' | 'conversion' | 'error';

export interface MessageStatTable {
  message_id: string;
  /** Start of the hour, epoch ms. */
  hour: number;
  metric: StatMetric;
  /** The action name for clicks; '' otherwise. */
  action: string;
  count: number;
}

export interface ConversionTable {
  message_id: string;
  profile_id: string;
  workspace_id: string;
  /** The visitor whose click or view led to it. */
  visitor: string;
  converted_at: number;
}

export interface MessageQueueTable {
  id: string;
  workspace_id: string;
  message_id: string;
  visitor: string;
  kind: 'test';
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export type MessageRow = Selectable<MessageTable>;
export type MessageStateRow = Selectable<MessageStateTable>;

/** Where a logged request came in: `/v1/batch`, or the single call's own route. */
export type IngestRoute = 'batch' | 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';

/** One accepted tracking request, waiting for the ingest processor. */
export interface IngestLogTable {
  id: Generated<number>;
  workspace_id: string;
  route: IngestRoute;
  /** When the request was accepted: clock-skew correction is relative to it. */
  received_at: number;
  /** The request's JSON exactly as received. */
  body: string;
  /** How many calls the body holds. */
  item_count: number;
  /** Why the processor set the row aside; null while it waits to be processed. */
  error: string | null;
  failed_at: number | null;
}
