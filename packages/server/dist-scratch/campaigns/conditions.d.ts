/**
 * Segment conditions and their evaluation: pure functions of a person's traits, their event
 * counters and the time. They live on the server, not in @herald/protocol: the SDK never
 * evaluates segments (it could not: it sees neither other sessions' events nor the counters),
 * and the browser bundle should not carry them.
 */
export declare const DAY = 86400000;
export type TraitOp = 'equals' | 'not_equals' | 'contains' | 'exists' | 'not_exists' | 'greater_than' | 'less_than' | 'before' | 'after' | 'more_than_days_ago' | 'less_than_days_ago';
export type Scalar = string | number | boolean;
/** On a trait (`plan`, or a dotted path such as `company.size`). */
export interface TraitCondition {
    type: 'trait';
    trait: string;
    op: TraitOp;
    /** equals, not_equals, contains, greater_than, less_than; before/after: an ISO date. */
    value?: Scalar;
    /** more_than_days_ago, less_than_days_ago. */
    days?: number;
}
export type PropertyOp = 'equals' | 'not_equals' | 'contains' | 'exists' | 'greater_than' | 'less_than';
export interface PropertyFilter {
    property: string;
    op: PropertyOp;
    value?: Scalar;
}
/** Performed `event` at least `atLeast` times in the last `withinDays` days (UTC days, today included). */
export interface EventCondition {
    type: 'event';
    event: string;
    atLeast: number;
    withinDays: number;
    where?: PropertyFilter[];
    /** True: the person did NOT perform it that often. */
    negate?: boolean;
}
export type Condition = TraitCondition | EventCondition;
export interface ConditionGroup {
    match: 'all' | 'any';
    conditions: Array<Condition | ConditionGroup>;
}
/** A segment is one root group. */
export type SegmentDefinition = ConditionGroup;
/** What one person brings to an evaluation. */
export interface PersonFacts {
    traits: Record<string, unknown>;
    /** counter key → count per UTC day (start of day, epoch ms). */
    counts: ReadonlyMap<string, ReadonlyMap<number, number>>;
}
export declare function isGroup(item: Condition | ConditionGroup): item is ConditionGroup;
/** Every condition of a definition, however deeply grouped. */
export declare function conditionsOf(group: ConditionGroup): Condition[];
/** Whether the person matches the segment now. */
export declare function evaluate(group: ConditionGroup, facts: PersonFacts, now: number): boolean;
export declare function evaluateCondition(condition: Condition, facts: PersonFacts, now: number): boolean;
/** The first UTC day counted by an event condition: today and the `withinDays - 1` before it. */
export declare function windowStart(condition: Pick<EventCondition, 'withinDays'>, now: number): number;
export declare function dayOf(at: number): number;
/**
 * The counter an event condition reads: the event's name alone, or, with property filters, a
 * hash of the name and the filters, so that conditions with the same filters share a counter.
 */
export declare function counterKey(condition: Pick<EventCondition, 'event' | 'where'>): string;
/** Whether a track call's properties pass every filter. */
export declare function propertiesMatch(filters: PropertyFilter[] | undefined, properties: Record<string, unknown>): boolean;
/**
 * A date as traits carry them: ISO 8601 text, or a number of epoch seconds (below 10^11, as
 * Segment's `createdAt` often is) or milliseconds.
 */
export declare function instant(value: unknown): number | undefined;
/** Whether a segment's answer can change with time alone (relative dates, event windows). */
export declare function timeDependent(group: ConditionGroup): boolean;
/** The longest event window of a definition, in days: counters older than that are unused. */
export declare function longestWindow(group: ConditionGroup): number;
//# sourceMappingURL=conditions.d.ts.map