/**
 * An in-app message as the admin API accepts it (PRODUCT.md, "A message"). Every field but
 * `name` and `steps` has a default; see `MESSAGE_DEFAULTS`.
 */

export type AudienceType = 'anonymous' | 'identified';

export interface Audience {
  type: AudienceType;
  /** For identified audiences: the id of a segment the person must be in. */
  segment?: string | null;
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

export type DisplayType = 'modal' | 'overlay' | 'inline' | 'tooltip';
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
  html: string;
  /** Overrides the message's display for this step. */
  display?: Partial<Display>;
}

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
  steps: Step[];
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
