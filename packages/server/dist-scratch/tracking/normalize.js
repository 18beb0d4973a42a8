import { randomUUID } from 'node:crypto';
import { CALL_TYPES, TRACKING_LIMITS } from '@herald/protocol';
import { HeraldError, invalid } from '../errors.js';
import { jsonBytesBound, JsonTooDeepError } from './json-size.js';
/** Reads the batch-level fields that apply to every item of `POST /v1/batch`. */
export function batchDefaults(body) {
    return {
        sentAt: instant(body.sentAt, 'sentAt'),
        context: asObject(body.context, 'context'),
        integrations: asObject(body.integrations, 'integrations'),
    };
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
export function normalizeCall(input, routeType, receivedAt, defaults, path) {
    return toEvent(checkCall(input, routeType, defaults, path), receivedAt, defaults);
}
/**
 * Every check {@link normalizeCall} makes, in the same order and with the same errors, without
 * building the row: the ack path runs this, the ingest processor the whole of normalizeCall.
 */
export function checkCall(input, routeType, defaults, path) {
    const call = asObject(input, path);
    if (call === undefined)
        throw invalid(path, 'must be an object');
    const at = (field) => (path === 'body' ? field : `${path}.${field}`);
    const type = routeType ?? callType(call.type, at('type'));
    const userId = identifier(call.userId, at('userId'));
    const anonymousId = identifier(call.anonymousId, at('anonymousId'));
    if (userId === null && anonymousId === null) {
        throw invalid(at('userId'), 'or anonymousId is required');
    }
    let name = null;
    let groupId = null;
    let previousId = null;
    let properties;
    let category;
    let traits;
    switch (type) {
        case 'track':
            name = identifier(call.event, at('event'));
            if (name === null)
                throw invalid(at('event'), 'is required for track calls');
            properties = asObject(call.properties, at('properties'));
            break;
        case 'page':
        case 'screen':
            name = identifier(call.name, at('name'));
            properties = asObject(call.properties, at('properties'));
            if (type === 'page' && call.category !== undefined) {
                category = identifier(call.category, at('category'));
            }
            break;
        case 'identify':
            traits = asObject(call.traits, at('traits'));
            break;
        case 'group':
            groupId = identifier(call.groupId, at('groupId'));
            if (groupId === null)
                throw invalid(at('groupId'), 'is required for group calls');
            traits = asObject(call.traits, at('traits'));
            break;
        case 'alias':
            previousId = identifier(call.previousId, at('previousId'));
            if (previousId === null)
                throw invalid(at('previousId'), 'is required for alias calls');
            if (userId === null)
                throw invalid(at('userId'), 'is required for alias calls');
            break;
    }
    const checked = {
        type,
        userId,
        anonymousId,
        name,
        groupId,
        previousId,
        properties,
        category,
        traits,
        context: asObject(call.context, at('context')),
        integrations: asObject(call.integrations, at('integrations')),
        originalTimestamp: instant(call.timestamp, at('timestamp')),
        sentAt: instant(call.sentAt, at('sentAt')) ?? defaults.sentAt ?? null,
        messageId: identifier(call.messageId, at('messageId')),
    };
    if (storedBytes(checked, defaults, path) > TRACKING_LIMITS.maxCallBytes) {
        throw new HeraldError('body_too_large', `${path} is larger than ${TRACKING_LIMITS.maxCallBytes / 1024} KB`, path);
    }
    return checked;
}
/** The event row of a checked call. */
function toEvent(c, receivedAt, defaults) {
    const timestamp = c.originalTimestamp === null
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
function serialized(c, defaults) {
    const properties = c.category === undefined ? c.properties : { ...c.properties, category: c.category };
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
function storedBytes(c, defaults, path) {
    const limit = TRACKING_LIMITS.maxCallBytes;
    const ids = [c.userId, c.anonymousId, c.name, c.messageId];
    let bound = c.messageId === null ? GENERATED_ID_LENGTH : 0;
    for (const id of ids)
        bound += 3 * (id?.length ?? 0);
    const parts = [
        ['properties', c.properties],
        ['category', c.category],
        ['traits', c.traits],
        ['context', defaults.context],
        ['context', c.context],
        ['integrations', defaults.integrations],
        ['integrations', c.integrations],
    ];
    for (const [name, part] of parts) {
        try {
            if (part !== undefined)
                bound += 12 + jsonBytesBound(part, limit);
        }
        catch (error) {
            if (!(error instanceof JsonTooDeepError))
                throw error;
            throw invalid(path === 'body' ? name : `${path}.${name}`, error.message);
        }
        if (bound > limit)
            break;
    }
    if (bound <= limit)
        return bound;
    let bytes = c.messageId === null ? GENERATED_ID_LENGTH : 0;
    for (const id of ids)
        bytes += id ? Buffer.byteLength(id) : 0;
    for (const json of Object.values(serialized(c, defaults))) {
        bytes += json ? Buffer.byteLength(json) : 0;
    }
    return bytes;
}
function callType(value, field) {
    if (typeof value === 'string' && CALL_TYPES.includes(value)) {
        return value;
    }
    throw invalid(field, `must be one of ${CALL_TYPES.join(', ')}`);
}
/**
 * An identifier: a string (numbers are accepted and turned into strings, as Segment does).
 * Empty means absent. NUL is refused: PostgreSQL text cannot hold it.
 */
function identifier(value, field) {
    if (value === undefined || value === null || value === '')
        return null;
    if (typeof value === 'number' && Number.isFinite(value))
        return String(value);
    if (typeof value !== 'string')
        throw invalid(field, 'must be a string');
    if (value.length > TRACKING_LIMITS.maxIdLength) {
        throw invalid(field, `must be at most ${TRACKING_LIMITS.maxIdLength} characters`);
    }
    if (value.includes('\u0000'))
        throw invalid(field, 'must not contain NUL characters');
    return value;
}
export function asObject(value, field) {
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'object' || Array.isArray(value))
        throw invalid(field, 'must be an object');
    return value;
}
/** A call's own context (or integrations) over the batch's: the call wins key by key. */
function merged(outer, inner) {
    if (outer === undefined)
        return inner;
    if (inner === undefined)
        return outer;
    return { ...outer, ...inner };
}
/** An ISO 8601 date (or epoch milliseconds) as epoch milliseconds. */
function instant(value, field) {
    if (value === undefined || value === null)
        return null;
    const ms = typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
        throw invalid(field, 'must be an ISO 8601 date');
    }
    return ms;
}
//# sourceMappingURL=normalize.js.map