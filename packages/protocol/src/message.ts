import type { Experiment } from './experiment.js';
import type { InboxSettings } from './inbox.js';
import type { Trigger } from './trigger.js';

/**
 * An in-app message as the admin API accepts it (PRODUCT.md, "A message"). Every field but
 * `name` and `steps` has a default; see `MESSAGE_DEFAULTS`.
 */

export type AudienceType = 'anonymous' | 'identified';

export interface Audience {
  type: AudienceType;
  /** For identified audiences: the id of a segment the person must be in. */
  segment?: string | null;
  /** Earlier interactions the visitor must have had (or not) with other messages: all of them. */
  interactions?: InteractionCondition[];
}

/** What a visitor may have done with a message, for targeting on it. */
export type Interaction = 'seen' | 'clicked' | 'dismissed' | 'converted';

/**
 * "Has seen / clicked / dismissed / converted on message X (within N days)", or has not: in an
 * audience (any visitor) or a segment (people).
 */
export interface InteractionCondition {
  type: 'message';
  messageId: string;
  interaction: Interaction;
  /** Within the last N days (N × 24 hours); absent: ever. */
  withinDays?: number;
  /** True: has not. */
  negate?: boolean;
}

export type PageRuleOp = 'matches' | 'contains' | 'equals' | 'regex';

export interface PageRule {
  op: PageRuleOp;
  value: string;
}

export interface PageRules {
  /** The page must match one of these; none means every page. */
  include: PageRule[];
  /** A page matching any of these never shows the message. */
  exclude: PageRule[];
}

export interface Frequency {
  /** null: on every matching page until dismissed ("show always"); N: at most N views. */
  maxViews: number | null;
  /** Least time between two views. */
  cooldownSeconds: number;
  /**
   * A dismissed message, or one shown maxViews times, becomes eligible again this long after
   * the dismissal or the last view (its view count starts over). null/absent: never again.
   */
  reEligibleAfterSeconds?: number | null;
}

export interface Schedule {
  /** ISO 8601; null: from launch. */
  startAt: string | null;
  /** ISO 8601; null: until paused or archived. */
  endAt: string | null;
  /** IANA zone the dashboard shows the dates in; the instants above are absolute. */
  timezone?: string | null;
}

export type GoalCriteria = 'click' | 'view';

export interface Goal {
  criteria: GoalCriteria;
  windowDays: number;
  /** Converts only people who also perform this event within the window. */
  event?: string | null;
  /** Converts people who enter (or leave) this segment within the window after the view or click. */
  segment?: { id: string; on: 'enter' | 'leave' } | null;
}

/** `inbox`: shown only in the inbox (inbox.ts), never on the page. */
export type DisplayType = 'modal' | 'overlay' | 'inline' | 'tooltip' | 'inbox';
export const MODAL_POSITIONS = ['center', 'top', 'bottom'] as const;
export const OVERLAY_POSITIONS = [
  'top-left',
  'top-center',
  'top-right',
  'bottom-left',
  'bottom-center',
  'bottom-right',
] as const;
export const TOOLTIP_POSITIONS = ['top', 'bottom', 'left', 'right'] as const;

export interface Display {
  type: DisplayType;
  /** modal: center|top|bottom; overlay: one of six corners and edges; tooltip: top|bottom|left|right. */
  position?: string;
  /** CSS selector of the element an inline message goes into, or a tooltip points at. */
  selector?: string;
  /** CSS width, e.g. "480px" or "60%". */
  width?: string;
  /** Backdrop colour of a modal, e.g. "rgba(0,0,0,0.5)". */
  overlayColor?: string;
  /** Whether a click outside a modal dismisses it. */
  dismissOnOutsideClick?: boolean;
}

export interface Step {
  name: string;
  /** The step's content in the message's default language. */
  html: string;
  /** Overrides the message's display for this step. */
  display?: Partial<Display>;
  /**
   * The same step in other languages, by BCP 47 tag (`de`, `pt-BR`): a visitor gets the best
   * match of their locale (exact, then language, then `html`; see `pickLocale`).
   */
  locales?: Record<string, { html: string }>;
}

/** Where a message can show: in browsers (the web SDK) or in apps (the React Native SDK). */
export type Platform = 'web' | 'mobile';
export const PLATFORMS: readonly Platform[] = ['web', 'mobile'];

/** The platforms of a message: absent means web only, as every message was before apps. */
export const platformsOf = (message: { platforms?: Platform[] }): Platform[] =>
  message.platforms ?? ['web'];

export interface MessageDefinition {
  name: string;
  description: string;
  audience: Audience;
  /** 1 (highest) to 10. */
  priority: number;
  pageRules: PageRules;
  frequency: Frequency;
  schedule: Schedule;
  goal: Goal;
  display: Display;
  /** With an experiment: the first variant's steps (what readers without variants show). */
  steps: Step[];
  /** Content variants against a holdout (experiment.ts); absent: one content for everyone. */
  experiment?: Experiment;
  /** When it appears on the page (trigger.ts); absent: as soon as the page loads. */
  trigger?: Trigger;
  /** Kept in the inbox after it shows (inbox.ts); with display `inbox`, its topic and expiry. */
  inbox?: InboxSettings;
  /** Where it shows; absent: `["web"]`. */
  platforms?: Platform[];
}

export type MessageStatus = 'draft' | 'active' | 'paused' | 'archived';

/** A message as the admin API answers it. */
export interface Message extends MessageDefinition {
  id: string;
  status: MessageStatus;
  /** Content version: it grows by one on each edit of a message that has been launched. */
  version: number;
  launchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const MESSAGE_DEFAULTS: Omit<MessageDefinition, 'name' | 'steps'> = {
  description: '',
  audience: { type: 'anonymous' },
  priority: 5,
  pageRules: { include: [], exclude: [] },
  frequency: { maxViews: null, cooldownSeconds: 0 },
  schedule: { startAt: null, endAt: null },
  goal: { criteria: 'click', windowDays: 7 },
  display: { type: 'modal', position: 'center' },
};

/** The events a visitor's browser reports about a message it shows. */
export const IN_APP_EVENT_TYPES = ['opened', 'dismissed', 'action', 'changed', 'error'] as const;
export type InAppEventType = (typeof IN_APP_EVENT_TYPES)[number];
/**
 * What an SDK reports to the server: the events above; `held-out` (a person in an experiment's
 * holdout reached the message, which shows them nothing: their exposure); and what the person
 * did in their inbox, `read` and `archived`.
 */
export const IN_APP_REPORT_TYPES = [...IN_APP_EVENT_TYPES, 'held-out', 'read', 'archived'] as const;
export type InAppReportType = (typeof IN_APP_REPORT_TYPES)[number];
