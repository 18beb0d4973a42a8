import type { InteractionCondition, Message } from '@herald/protocol';

/** The admin API's answers, as the dashboard reads them. */

export interface SessionState {
  setupRequired: boolean;
  user: { id: string; email: string } | null;
}

export interface Workspace {
  id: string;
  name: string;
  writeKey: string;
  secretKey: string;
  inApp: { enabled: boolean; anonymous: boolean };
  identityVerification: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MessageStats {
  views: number;
  clicks: number;
  conversions: number;
}

export type MessageWithStats = Message & { stats?: MessageStats };

export interface MetricsPoint {
  t: string;
  views: number;
  dismissals: number;
  clicks: number;
  conversions: number;
}

export interface Metrics {
  views: number;
  uniqueViewers: number;
  dismissals: number;
  clicks: Record<string, number>;
  conversions: number;
  conversionRate: number;
  series: MetricsPoint[];
  /** What happened in the inbox: openings and clicks there (also in the totals), reads, archives. */
  inbox?: { opens: number; clicks: number; reads: number; archives: number };
  /** Messages with an experiment: each variant and the holdout, since launch. */
  experiment?: ExperimentFigures;
  /** Messages with translations: by language shown (`default`: the default content). */
  locales?: Record<string, SplitFigures>;
}

/** One group of people: a variant, the holdout, or a language. */
export interface SplitFigures {
  exposed: number;
  views: number;
  uniqueViewers: number;
  dismissals: number;
  clicks: Record<string, number>;
  conversions: number;
  /** Conversions per exposed person. */
  conversionRate: number;
}

export interface Comparison {
  lift: number | null;
  z: number | null;
  pValue: number | null;
  probabilityBetter: number | null;
  verdict: 'not_enough_data' | 'better' | 'worse' | 'no_difference';
}

export interface VariantFigures extends SplitFigures {
  key: string;
  name: string;
  weight: number;
  comparison: Comparison | null;
}

export interface ExperimentFigures {
  test: string;
  significance: number;
  minimumSample: { exposed: number; conversions: number };
  /** `holdout`, or the first variant's key. */
  control: string;
  holdoutPercent: number;
  winner: string | null;
  holdout: SplitFigures | null;
  variants: VariantFigures[];
}

export interface PersonSummary {
  userId: string;
  email: string | null;
  traits: Record<string, unknown>;
  lastSeenAt: string;
}

export interface Person extends PersonSummary {
  aliases: string[];
  anonymousIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ActivityEvent {
  id: number | string;
  messageId?: string;
  type: string;
  event?: string;
  name?: string;
  userId?: string | null;
  anonymousId?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  timestamp: string;
}

export interface Page<T> {
  data: T[];
  next: string | null;
}

/** Segments: conditions on traits and events, in AND (`all`) / OR (`any`) groups. */

export type TraitOp =
  | 'equals'
  | 'not_equals'
  | 'contains'
  | 'exists'
  | 'not_exists'
  | 'greater_than'
  | 'less_than'
  | 'before'
  | 'after'
  | 'more_than_days_ago'
  | 'less_than_days_ago';

export type PropertyOp =
  'equals' | 'not_equals' | 'contains' | 'exists' | 'greater_than' | 'less_than';

export type Scalar = string | number | boolean;

export interface PropertyFilter {
  property: string;
  op: PropertyOp;
  value?: Scalar;
}

export interface TraitCondition {
  type: 'trait';
  trait: string;
  op: TraitOp;
  value?: Scalar;
  days?: number;
}

export interface EventCondition {
  type: 'event';
  event: string;
  atLeast: number;
  withinDays: number;
  where?: PropertyFilter[];
  negate?: boolean;
}

/** Has (not) seen / clicked / dismissed / converted on a message. */
export type MessageCondition = InteractionCondition;

export type Condition = TraitCondition | EventCondition | MessageCondition;

export interface ConditionGroup {
  match: 'all' | 'any';
  conditions: Array<Condition | ConditionGroup>;
}

export interface Segment {
  id: string;
  name: string;
  conditions: ConditionGroup;
  /** A live count, kept up to date as tracking calls arrive. */
  members: number;
  /** Its membership is being built from past events: `members` grows until it is done. */
  building: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentMember {
  userId: string;
  email: string | null;
  enteredAt: string | null;
}

/** What a broadcast or campaign achieved: entries queued, and what people did with them. */
export interface SendFigures {
  sent: number;
  opened: number;
  clicked: number;
  dismissed: number;
  converted: number;
  withdrawn: number;
}

export type BroadcastStatus = 'scheduled' | 'sending' | 'sent' | 'stopped';

export interface Broadcast {
  id: string;
  name: string;
  messageId: string;
  segmentId: string;
  status: BroadcastStatus;
  sendAt: string | null;
  expiresDays: number;
  sentAt: string | null;
  stoppedAt: string | null;
  createdAt: string;
  figures: SendFigures;
}

export type CampaignTrigger =
  | { type: 'event'; event: string; where?: PropertyFilter[] }
  | { type: 'segment_entered'; segmentId: string };

export type CampaignStatus = 'active' | 'stopped';

export interface Campaign {
  id: string;
  name: string;
  messageId: string;
  status: CampaignStatus;
  trigger: CampaignTrigger;
  delaySeconds: number;
  expiresDays: number;
  createdAt: string;
  updatedAt: string;
  figures: SendFigures;
}
