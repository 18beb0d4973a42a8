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
  message_splits: MessageSplitTable;
  conversions: ConversionTable;
  message_queue: MessageQueueTable;
  ingest_log: IngestLogTable;
  ingest_journal: IngestJournalTable;
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
  person_event_counts: PersonEventCountTable;
  broadcasts: BroadcastTable;
  campaigns: CampaignTable;
  jobs: JobTable;
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

/**
 * `inapp`: an event the SDK reported about a message it showed; `segment`: the person entered or
 * left a segment (name `entered segment`/`left segment`). Neither is ever sent through /v1.
 */
export type EventType =
  'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias' | 'inapp' | 'segment';

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
  /** The variant key or `holdout` of the first exposure (0011); null: no experiment. */
  variant: ColumnType<string | null, string | null | undefined, string | null>;
  /** The language of the first exposure; null: the default content. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
  exposed_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Inbox (0012): when the person read the item (opened or marked it); null: unread. */
  read_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Inbox (0012): when they archived it, which takes it out of their inbox for good. */
  archived_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/**
 * `inbox_open` and `inbox_click` count what happened in the inbox (beside `view` and `click`,
 * which count every surface); `read` and `archive` are the inbox's own.
 */
export type StatMetric =
  | 'view'
  | 'dismissal'
  | 'click'
  | 'conversion'
  | 'error'
  | 'inbox_open'
  | 'inbox_click'
  | 'read'
  | 'archive';

/** Counters per message, variant and language (0011). */
export interface MessageSplitTable {
  message_id: string;
  /** The variant key, `holdout`, or '' for a message without an experiment. */
  variant: string;
  /** The language shown, or '' for the default content. */
  locale: string;
  metric: StatMetric | 'exposure';
  /** The action name for clicks; '' otherwise. */
  action: string;
  count: number;
}

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
  /** The variant and language of that visitor's exposure (0011). */
  variant: ColumnType<string | null, string | null | undefined, string | null>;
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MessageQueueTable {
  id: string;
  workspace_id: string;
  message_id: string;
  visitor: string;
  kind: QueueKind;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  /** The broadcast or campaign that queued it (0006); null for test sends. */
  source_id: ColumnType<string | null, string | null | undefined, string | null>;
  profile_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The triggering event's properties as JSON, for Liquid's `event`. */
  payload: ColumnType<string | null, string | null | undefined, string | null>;
  /** Unique per workspace: the same send can never be queued twice. */
  dedupe_key: ColumnType<string | null, string | null | undefined, string | null>;
  views: ColumnType<number | null, number | null | undefined, number | null>;
  opened_at: ColumnType<number | null, number | null | undefined, number | null>;
  last_viewed_at: ColumnType<number | null, number | null | undefined, number | null>;
  dismissed_at: ColumnType<number | null, number | null | undefined, number | null>;
  clicked_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set when its broadcast or campaign was stopped before the person opened it. */
  withdrawn_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export type QueueKind = 'test' | 'broadcast' | 'campaign';

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

/** How far SQLite's ingest journal is applied (one row, id 1). Migration 0008. */
export interface IngestJournalTable {
  id: number;
  /** Every journal record with an id up to this one is applied or set aside. */
  applied_through: number;
}

export interface SegmentTable {
  id: string;
  workspace_id: string;
  name: string;
  /** The SegmentDefinition (campaigns/conditions.ts) as JSON. */
  definition: JsonText;
  created_at: number;
  updated_at: number;
  /** When the conditions last changed: the version a build job works for (0007). */
  conditions_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** Null once built; while a build runs, the last profile id it has passed, '' at first (0007). */
  built_through: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SegmentMemberTable {
  segment_id: string;
  profile_id: string;
  workspace_id: string;
  entered_at: number;
}

/** Events per person, counter and UTC day: a counter is an event name, or one with filters. */
export interface PersonEventCountTable {
  profile_id: string;
  workspace_id: string;
  counter: string;
  day: number;
  count: number;
}

export type BroadcastStatus = 'scheduled' | 'sending' | 'sent' | 'stopped';

export interface BroadcastTable {
  id: string;
  workspace_id: string;
  name: string;
  message_id: string;
  segment_id: string;
  status: BroadcastStatus;
  send_at: number;
  expires_days: number;
  sent_at: number | null;
  stopped_at: number | null;
  created_at: number;
}

export type CampaignStatus = 'active' | 'stopped';

export interface CampaignTable {
  id: string;
  workspace_id: string;
  name: string;
  message_id: string;
  status: CampaignStatus;
  /** The CampaignDefinition (campaigns/definitions.ts) as JSON. */
  definition: JsonText;
  created_at: number;
  updated_at: number;
}

/** A durable job (jobs/runner.ts): due at `run_at`, done once, never twice. */
export interface JobTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  payload: JsonText;
  run_at: number;
  attempts: number;
  locked_until: number | null;
  done_at: number | null;
  failed_at: number | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: number;
}
