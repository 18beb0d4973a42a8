import { type CallType, type JsonObject } from '@herald/protocol';
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
export declare function batchDefaults(body: JsonObject): BatchDefaults;
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
export declare function normalizeCall(input: unknown, routeType: CallType | undefined, receivedAt: number, defaults: BatchDefaults, path: string): NormalizedEvent;
/**
 * Every check {@link normalizeCall} makes, in the same order and with the same errors, without
 * building the row: the ack path runs this, the ingest processor the whole of normalizeCall.
 */
export declare function checkCall(input: unknown, routeType: CallType | undefined, defaults: BatchDefaults, path: string): CheckedCall;
export declare function asObject(value: unknown, field: string): JsonObject | undefined;
//# sourceMappingURL=normalize.d.ts.map