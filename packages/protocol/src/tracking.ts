/**
 * The Segment-compatible tracking calls, as the SDK sends them and the server accepts them.
 * See https://segment.com/docs/connections/spec/ for the shape these follow.
 */

export const CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export type JsonObject = { [key: string]: unknown };

/** Fields every call may carry. */
export interface CommonFields {
  messageId?: string;
  userId?: string | null;
  anonymousId?: string | null;
  /** ISO 8601: when the call happened on the client. */
  timestamp?: string;
  /** ISO 8601: when the client sent it; the server uses it to correct clock skew. */
  sentAt?: string;
  context?: JsonObject;
  integrations?: JsonObject;
}

export interface IdentifyCall extends CommonFields {
  type: 'identify';
  traits?: JsonObject;
}
export interface TrackCall extends CommonFields {
  type: 'track';
  event: string;
  properties?: JsonObject;
}
export interface PageCall extends CommonFields {
  type: 'page';
  name?: string;
  category?: string;
  properties?: JsonObject;
}
export interface ScreenCall extends CommonFields {
  type: 'screen';
  name?: string;
  properties?: JsonObject;
}
export interface GroupCall extends CommonFields {
  type: 'group';
  groupId: string;
  traits?: JsonObject;
}
export interface AliasCall extends CommonFields {
  type: 'alias';
  previousId: string;
  userId: string;
}

export type TrackingCall = IdentifyCall | TrackCall | PageCall | ScreenCall | GroupCall | AliasCall;

/** The body of `POST /v1/batch`. `context` and `integrations` here apply to every item. */
export interface BatchRequest {
  batch: TrackingCall[];
  writeKey?: string;
  sentAt?: string;
  context?: JsonObject;
  integrations?: JsonObject;
}

export const TRACKING_LIMITS = {
  /** Bytes of one call. */
  maxCallBytes: 32 * 1024,
  /** Bytes of one batch request. */
  maxBatchBytes: 500 * 1024,
  /** Calls in one batch. */
  maxBatchCalls: 2500,
  /** Characters of an identifier (userId, anonymousId, messageId, event name…). */
  maxIdLength: 1024,
} as const;
