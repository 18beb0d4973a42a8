import { randomUUID } from 'node:crypto';
import { CALL_TYPES, type CallType, type JsonObject, TRACKING_LIMITS } from '@herald/protocol';
import { HeraldError, invalid } from '../errors.js';
import type { NewEvent } from '../store/schema.js';

/** A validated tracking call, ready to be stored in any workspace. */
export type NormalizedEvent = Omit<NewEvent, 'workspace_id' | 'id'>;

/** What a batch request says about all of its items, already validated. */
export interface BatchDefaults {
  sentAt?: number | null;
  context?: JsonObject | undefined;
  integrations?: JsonObject | undefined;
}

/** Reads the batch-level fields that apply to every item of `POST /v1/batch`. */
export function batchDefaults(body: JsonObject): BatchDefaults {
  return {
    sentAt: instant(body.sentAt, 'sentAt'),
    context: asObject(body.context, 'context'),
    integrations: asObject(body.integrations, 'integrations'),
  };
}

/**
 * Validates one tracking call and turns it into an event row, applying the batch's defaults and
 * correcting the client's clock: `timestamp = receivedAt - (sentAt - timestamp)`.
 *
 * Throws a `validation_failed` {@link HeraldError} naming the field (`batch.3.userId`).
 *
 * @example
 * normalizeCall({ userId: 'u1', event: 'Signed Up' }, 'track', Date.now(), {}, 'body');
 */
export function normalizeCall(
  input: unknown,
  routeType: CallType | undefined,
  receivedAt: number,
  defaults: BatchDefaults,
  path: string,
): NormalizedEvent {
  const call = asObject(input, path);
  if (call === undefined) throw invalid(path, 'must be an object');
  const at = (field: string) => (path === 'body' ? field : `${path}.${field}`);

  const type = routeType ?? callType(call.type, at('type'));
  const userId = identifier(call.userId, at('userId'));
  const anonymousId = identifier(call.anonymousId, at('anonymousId'));
  if (userId === null && anonymousId === null) {
    throw invalid(at('userId'), 'or anonymousId is required');
  }

  let name: string | null = null;
  let groupId: string | null = null;
  let previousId: string | null = null;
  let properties: JsonObject | undefined;
  let traits: JsonObject | undefined;
  switch (type) {
    case 'track':
      name = identifier(call.event, at('event'));
      if (name === null) throw invalid(at('event'), 'is required for track calls');
      properties = asObject(call.properties, at('properties'));
      break;
    case 'page':
    case 'screen':
      name = identifier(call.name, at('name'));
      properties = asObject(call.properties, at('properties'));
      if (type === 'page' && call.category !== undefined) {
        properties = { ...properties, category: identifier(call.category, at('category')) };
      }
      break;
    case 'identify':
      traits = asObject(call.traits, at('traits'));
      break;
    case 'group':
      groupId = identifier(call.groupId, at('groupId'));
      if (groupId === null) throw invalid(at('groupId'), 'is required for group calls');
      traits = asObject(call.traits, at('traits'));
      break;
    case 'alias':
      previousId = identifier(call.previousId, at('previousId'));
      if (previousId === null) throw invalid(at('previousId'), 'is required for alias calls');
      if (userId === null) throw invalid(at('userId'), 'is required for alias calls');
      break;
  }

  const context = merged(defaults.context, call.context, at('context'));
  const integrations = merged(defaults.integrations, call.integrations, at('integrations'));
  const originalTimestamp = instant(call.timestamp, at('timestamp'));
  const sentAt = instant(call.sentAt, at('sentAt')) ?? defaults.sentAt ?? null;
  const timestamp =
    originalTimestamp === null
      ? receivedAt
      : sentAt === null
        ? originalTimestamp
        : Math.min(receivedAt, receivedAt - (sentAt - originalTimestamp));

  const event: NormalizedEvent = {
    message_id: identifier(call.messageId, at('messageId')) ?? randomUUID(),
    type,
    name,
    user_id: userId,
    anonymous_id: anonymousId,
    group_id: groupId,
    previous_id: previousId,
    properties: properties === undefined ? null : JSON.stringify(properties),
    traits: traits === undefined ? null : JSON.stringify(traits),
    context: context === undefined ? null : JSON.stringify(context),
    integrations: integrations === undefined ? null : JSON.stringify(integrations),
    timestamp,
    original_timestamp: originalTimestamp,
    sent_at: sentAt,
    received_at: receivedAt,
  };
  if (approximateBytes(event) > TRACKING_LIMITS.maxCallBytes) {
    throw new HeraldError(
      'body_too_large',
      `${path} is larger than ${TRACKING_LIMITS.maxCallBytes / 1024} KB`,
      path,
    );
  }
  return event;
}

function callType(value: unknown, field: string): CallType {
  if (typeof value === 'string' && (CALL_TYPES as readonly string[]).includes(value)) {
    return value as CallType;
  }
  throw invalid(field, `must be one of ${CALL_TYPES.join(', ')}`);
}

/**
 * An identifier: a string (numbers are accepted and turned into strings, as Segment does).
 * Empty means absent. NUL is refused: PostgreSQL text cannot hold it.
 */
function identifier(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length > TRACKING_LIMITS.maxIdLength) {
    throw invalid(field, `must be at most ${TRACKING_LIMITS.maxIdLength} characters`);
  }
  if (value.includes('\u0000')) throw invalid(field, 'must not contain NUL characters');
  return value;
}

export function asObject(value: unknown, field: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be an object');
  return value as JsonObject;
}

/** A call's own context (or integrations) over the batch's: the call wins key by key. */
function merged(
  outer: JsonObject | undefined,
  own: unknown,
  field: string,
): JsonObject | undefined {
  const inner = asObject(own, field);
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return { ...outer, ...inner };
}

/** An ISO 8601 date (or epoch milliseconds) as epoch milliseconds. */
function instant(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  const ms =
    typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw invalid(field, 'must be an ISO 8601 date');
  }
  return ms;
}

/** The stored size of an event in bytes, counted exactly only when it could be near the limit. */
function approximateBytes(event: NormalizedEvent): number {
  const parts = [
    event.properties,
    event.traits,
    event.context,
    event.integrations,
    event.user_id,
    event.anonymous_id,
    event.name,
    event.message_id,
  ];
  let chars = 0;
  for (const part of parts) chars += part?.length ?? 0;
  if (chars * 3 <= TRACKING_LIMITS.maxCallBytes) return chars;
  let bytes = 0;
  for (const part of parts) bytes += part ? Buffer.byteLength(part) : 0;
  return bytes;
}
