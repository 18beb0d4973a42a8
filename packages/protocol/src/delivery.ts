import type { VisitorMessageState } from './eligibility.js';
import type { DeliveredInbox } from './inbox.js';
import type { AudienceType, Display, Frequency, InAppReportType } from './message.js';
import type { CompiledPageRules } from './page-rules.js';
import type { Trigger } from './trigger.js';

/**
 * The SDK-facing in-app API (docs/protocol.md): what `GET /v1/in-app/messages` answers, what
 * `GET /v1/in-app/stream` pushes, and what `POST /v1/in-app/events` takes.
 */

export interface DeliveredStep {
  name: string;
  /** Ready to show: Liquid already rendered for this person. */
  html: string;
  /** This step's display, when it differs from the message's. */
  display?: Display;
}

export interface DeliveredMessage {
  id: string;
  version: number;
  /** Proof that this message went to this visitor; every event about it must carry it. */
  deliveryId: string;
  priority: number;
  /** Epoch ms of the first launch: equal priorities show in this order. */
  launchedAt: number | null;
  audience: AudienceType;
  /** A one-off test send: shown on any page, whatever the targeting. */
  test: boolean;
  pageRules: CompiledPageRules;
  /** When it appears, once eligible; absent: at once. */
  trigger?: Trigger;
  frequency: Frequency;
  /** What this visitor did with it so far, for the SDK to apply frequency without asking. */
  state: VisitorMessageState;
  /** Epoch ms bounds; the server sends only messages whose schedule has started. */
  endAt: number | null;
  display: Display;
  /** Empty in the holdout. */
  steps: DeliveredStep[];
  /** In an experiment: the variant key this visitor gets, or `holdout`. */
  variant?: string;
  /**
   * In the holdout: show nothing, but report `held-out` once when the message would have shown
   * (the control group's exposure).
   */
  heldOut?: boolean;
  /** The language of `steps` (BCP 47), or null for the default content. */
  locale?: string | null;
  /** Its item in the visitor's inbox; absent: not an inbox message (or archived, or expired). */
  inbox?: DeliveredInbox;
  /**
   * Only for the inbox: its display is `inbox`, or the visitor may not see it on the page any
   * more (dismissed, views used up, over a cap) while it stays in their inbox.
   */
  inboxOnly?: true;
}

export interface DeliveryResponse {
  identified: boolean;
  /**
   * Whether in-app messaging is on for the workspace. When false, `messages` is empty and an SDK
   * without explicit in-app settings stops asking for a while (the workspace switch decides).
   */
  enabled: boolean;
  /** Seconds until the SDK should ask again when it has no live stream. */
  pollInterval: number;
  messages: DeliveredMessage[];
}

/** Events of `GET /v1/in-app/stream` (Server-Sent Events). */
export type StreamEvent =
  /** First event: how often to poll as a safety net while the stream is up. */
  | { event: 'hello'; data: { pollInterval: number } }
  /** Something this visitor may see changed: fetch /v1/in-app/messages again. */
  | { event: 'refresh'; data: Record<string, never> }
  /** The node is going away: reconnect (to another node). */
  | { event: 'reconnect'; data: Record<string, never> };

export interface InAppEventInput {
  /** Unique per event (a UUID): repeats are ignored. */
  id: string;
  type: InAppReportType;
  deliveryId: string;
  /** action: the action's name; changed: the new step's name. */
  actionName?: string;
  actionValue?: string;
  /** The step shown when the event happened. */
  step?: string;
  /** error: what went wrong. */
  error?: string;
  /** The `locale` of the delivered message, when it had one. */
  locale?: string;
  /** `inbox`: it happened in the inbox (an opening or a click there), not on the page. */
  surface?: 'inbox';
  timestamp?: string;
}

/** Who is asking: the same fields on every in-app request. */
export interface VisitorClaim {
  writeKey?: string;
  anonymousId?: string;
  userId?: string;
  /** hex HMAC-SHA256(secretKey, userId), computed by the site's backend. */
  userHash?: string;
  /** Or a JWT (HS256, signed with the secret key) whose `sub` is the userId. */
  userToken?: string;
}

export interface InAppEventsRequest extends VisitorClaim {
  events: InAppEventInput[];
}

export const IN_APP_LIMITS = {
  maxEvents: 100,
  maxBodyBytes: 64 * 1024,
} as const;
