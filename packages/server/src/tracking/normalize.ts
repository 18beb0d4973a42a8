import { randomUUID } from 'node:crypto';
import { CALL_TYPES, type CallType, type JsonObject, TRACKING_LIMITS } from '@herald/protocol';
import { HeraldError, invalid } from '../errors.js';
import type { NewEvent } from '../store/schema.js';
import { jsonBytesBound, JsonTooDeepError } from './json-size.js';

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
 * A call that passed every check, its parts picked out but nothing serialised yet: what the ack
 * path needs to refuse bad input, without the cost of building the row.
 */
export interface CheckedCall {
  type: CallType;
  userId: string | null;
  anonymousId: string | null;
  name: string | null;
  groupId: string | null;
  previousId: string | null;
  properties: JsonObject | undefined;
  /** A page call's category, added to its properties; undefined when none was sent. */
  category: string | null | undefined;
  traits: JsonObject | undefined;
  /** The call's own context and integrations: the batch's are merged in with the row. */
  context: JsonObject | undefined;
  integrations: JsonObject | undefined;
  originalTimestamp: number | null;
  sentAt: number | null;
  messageId: string | null;
}

/**
 * Validates one tracking call, applying the batch's defaults and correcting the client's clock:
 * `timestamp = receivedAt - (sentAt - timestamp)`, and turns it into an event row.
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
  return toEvent(checkCall(input, routeType, defaults, path), receivedAt, defaults);
}

/**
 * Every check {@link normalizeCall} makes, in the same order and with the same errors, without
 * building the row: the ack path runs this, the ingest processor the whole of normalizeCall.
 */
export function checkCall(
  input: unknown,
  routeType: CallType | undefined,
  defaults: BatchDefaults,
  path: string,
): CheckedCall {
  const call = asObject(input, path);
  if (call === undefined) throw invalid(path, 'must be an object');

  const type = routeType ?? callType(call.type, path, 'type');
  const userId = identifier(call.userId, path, 'userId');
  const anonymousId = identifier(call.anonymousId, path, 'anonymousId');
  if (userId === null && anonymousId === null) {
    throw invalid(fieldAt(path, 'userId'), 'or anonymousId is required');
  }

  let name: string | null = null;
  let groupId: string | null = null;
  let previousId: string | null = null;
  let properties: JsonObject | undefined;
  let category: string | null | undefined;
  let traits: JsonObject | undefined;
  switch (type) {
    case 'track':
      name = identifier(call.event, path, 'event');
      if (name === null) throw invalid(fieldAt(path, 'event'), 'is required for track calls');
      properties = asObject(call.properties, path, 'properties');
      break;
    case 'page':
    case 'screen':
      name = identifier(call.name, path, 'name');
      properties = asObject(call.properties, path, 'properties');
      if (type === 'page' && call.category !== undefined) {
        category = identifier(call.category, path, 'category');
      }
      break;
    case 'identify':
      traits = asObject(call.traits, path, 'traits');
      break;
    case 'group':
      groupId = identifier(call.groupId, path, 'groupId');
      if (groupId === null) throw invalid(fieldAt(path, 'groupId'), 'is required for group calls');
      traits = asObject(call.traits, path, 'traits');
      break;
    case 'alias':
      previousId = identifier(call.previousId, path, 'previousId');
      if (previousId === null)
        throw invalid(fieldAt(path, 'previousId'), 'is required for alias calls');
      if (userId === null) throw invalid(fieldAt(path, 'userId'), 'is required for alias calls');
      break;
  }

  const checked: CheckedCall = {
    type,
    userId,
    anonymousId,
    name,
    groupId,
    previousId,
    properties,
    category,
    traits,
    context: asObject(call.context, path, 'context'),
    integrations: asObject(call.integrations, path, 'integrations'),
    originalTimestamp: instant(call.timestamp, path, 'timestamp'),
    sentAt: instant(call.sentAt, path, 'sentAt') ?? defaults.sentAt ?? null,
    messageId: identifier(call.messageId, path, 'messageId'),
  };
  if (storedBytes(checked, defaults, path) > TRACKING_LIMITS.maxCallBytes) {
    throw new HeraldError(
      'body_too_large',
      `${path} is larger than ${TRACKING_LIMITS.maxCallBytes / 1024} KB`,
      path,
    );
  }
  return checked;
}

/** The event row of a checked call. */
function toEvent(c: CheckedCall, receivedAt: number, defaults: BatchDefaults): NormalizedEvent {
  const timestamp =
    c.originalTimestamp === null
      ? receivedAt
      : c.sentAt === null
        ? c.originalTimestamp
        : Math.min(receivedAt, receivedAt - (c.sentAt - c.originalTimestamp));
  return {
    message_id: c.messageId ?? randomUUID(),
    type: c.type,
    name: c.name,
    user_id: c.userId,
    anonymous_id: c.anonymousId,
    group_id: c.groupId,
    previous_id: c.previousId,
    ...serialized(c, defaults),
    timestamp,
    original_timestamp: c.originalTimestamp,
    sent_at: c.sentAt,
    received_at: receivedAt,
  };
}

/** The JSON columns of a checked call, the batch's context and integrations merged in. */
function serialized(c: CheckedCall, defaults: BatchDefaults) {
  const properties =
    c.category === undefined ? c.properties : { ...c.properties, category: c.category };
  const context = merged(defaults.context, c.context);
  const integrations = merged(defaults.integrations, c.integrations);
  return {
    properties: properties === undefined ? null : JSON.stringify(properties),
    traits: c.traits === undefined ? null : JSON.stringify(c.traits),
    context: context === undefined ? null : JSON.stringify(context),
    integrations: integrations === undefined ? null : JSON.stringify(integrations),
  };
}

/** Length of a generated messageId (a UUID), which counts toward the limit like a sent one. */
const GENERATED_ID_LENGTH = 36;

/**
 * The stored size of a call in bytes (its JSON columns, ids and name), or an upper bound of it
 * when that bound is within the limit: only a call that could be near the limit is serialised.
 */
function storedBytes(c: CheckedCall, defaults: BatchDefaults, path: string): number {
  const limit = TRACKING_LIMITS.maxCallBytes;
  // No arrays or closures: this runs for every call of every batch on the ack path.
  let bound = c.messageId === null ? GENERATED_ID_LENGTH : 0;
  bound += 3 * ((c.userId?.length ?? 0) + (c.anonymousId?.length ?? 0));
  bound += 3 * ((c.name?.length ?? 0) + (c.messageId?.length ?? 0));
  bound = partBound(bound, c.properties, 'properties', path);
  bound = partBound(bound, c.category, 'category', path);
  bound = partBound(bound, c.traits, 'traits', path);
  bound = partBound(bound, defaults.context, 'context', path);
  bound = partBound(bound, c.context, 'context', path);
  bound = partBound(bound, defaults.integrations, 'integrations', path);
  bound = partBound(bound, c.integrations, 'integrations', path);
  if (bound <= limit) return bound;

  let bytes = c.messageId === null ? GENERATED_ID_LENGTH : 0;
  for (const id of [c.userId, c.anonymousId, c.name, c.messageId]) {
    bytes += id ? Buffer.byteLength(id) : 0;
  }
  for (const json of Object.values(serialized(c, defaults))) {
    bytes += json ? Buffer.byteLength(json) : 0;
  }
  return bytes;
}

/** `bound` plus an upper bound of one JSON part; past the limit, the rest is not counted. */
function partBound(bound: number, part: unknown, name: string, path: string): number {
  const limit = TRACKING_LIMITS.maxCallBytes;
  if (part === undefined || bound > limit) return bound;
  try {
    return bound + 12 + jsonBytesBound(part, limit - bound);
  } catch (error) {
    if (!(error instanceof JsonTooDeepError)) throw error;
    throw invalid(path === 'body' ? name : `${path}.${name}`, error.message);
  }
}

function callType(value: unknown, path: string, name?: string): CallType {
  if (typeof value === 'string' && (CALL_TYPES as readonly string[]).includes(value)) {
    return value as CallType;
  }
  throw invalid(fieldAt(path, name), `must be one of ${CALL_TYPES.join(', ')}`);
}

/**
 * The name of a field in error messages (`batch.3.userId`), built only when there is an error:
 * the checks run for every field of every call on the ack path.
 */
function fieldAt(path: string, name: string | undefined): string {
  if (name === undefined) return path;
  return path === 'body' ? name : `${path}.${name}`;
}

/**
 * An identifier: a string (numbers are accepted and turned into strings, as Segment does).
 * Empty means absent. NUL is refused: PostgreSQL text cannot hold it.
 */
function identifier(value: unknown, path: string, name?: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw invalid(fieldAt(path, name), 'must be a string');
  if (value.length > TRACKING_LIMITS.maxIdLength) {
    throw invalid(fieldAt(path, name), `must be at most ${TRACKING_LIMITS.maxIdLength} characters`);
  }
  if (value.includes('\u0000')) {
    throw invalid(fieldAt(path, name), 'must not contain NUL characters');
  }
  return value;
}

export function asObject(value: unknown, path: string, name?: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(fieldAt(path, name), 'must be an object');
  }
  return value as JsonObject;
}

/** A call's own context (or integrations) over the batch's: the call wins key by key. */
function merged(
  outer: JsonObject | undefined,
  inner: JsonObject | undefined,
): JsonObject | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return { ...outer, ...inner };
}

/** An ISO 8601 date (or epoch milliseconds) as epoch milliseconds. */
function instant(value: unknown, path: string, name?: string): number | null {
  if (value === undefined || value === null) return null;
  const ms =
    typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw invalid(fieldAt(path, name), 'must be an ISO 8601 date');
  }
  return ms;
}
