import { createHash } from 'node:crypto';
import type { InteractionCondition } from '@herald/protocol';
import {
  type InteractionFacts,
  interactionMatches,
  NO_INTERACTIONS,
} from '../inapp/interactions.js';

/**
 * Segment conditions and their evaluation: pure functions of a person's traits, their event
 * counters and the time. They live on the server, not in @herald/protocol: the SDK never
 * evaluates segments (it could not: it sees neither other sessions' events nor the counters),
 * and the browser bundle should not carry them.
 */

export const DAY = 86_400_000;

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

export type PropertyOp =
  'equals' | 'not_equals' | 'contains' | 'exists' | 'greater_than' | 'less_than';

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

/** On what the person did with a message (inapp/interactions.ts). */
export type MessageCondition = InteractionCondition;

export type Condition = TraitCondition | EventCondition | MessageCondition;

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
  /** What they did with the messages the segment asks about (absent: nothing). */
  messages?: InteractionFacts;
}

export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return 'match' in item;
}

/** Every condition of a definition, however deeply grouped. */
export function conditionsOf(group: ConditionGroup): Condition[] {
  return group.conditions.flatMap((item) => (isGroup(item) ? conditionsOf(item) : [item]));
}

/** Whether the person matches the segment now. */
export function evaluate(group: ConditionGroup, facts: PersonFacts, now: number): boolean {
  const test = (item: Condition | ConditionGroup) =>
    isGroup(item) ? evaluate(item, facts, now) : evaluateCondition(item, facts, now);
  // An empty group matches nobody: a segment with no conditions is a mistake, not "everyone".
  if (group.conditions.length === 0) return false;
  return group.match === 'all' ? group.conditions.every(test) : group.conditions.some(test);
}

export function evaluateCondition(condition: Condition, facts: PersonFacts, now: number): boolean {
  if (condition.type === 'trait') return traitMatches(condition, facts.traits, now);
  if (condition.type === 'message') {
    return interactionMatches(condition, facts.messages ?? NO_INTERACTIONS, now);
  }
  const count = countSince(facts.counts.get(counterKey(condition)), windowStart(condition, now));
  const performed = count >= condition.atLeast;
  return condition.negate ? !performed : performed;
}

/** The first UTC day counted by an event condition: today and the `withinDays - 1` before it. */
export function windowStart(condition: Pick<EventCondition, 'withinDays'>, now: number): number {
  return dayOf(now) - (condition.withinDays - 1) * DAY;
}

export function dayOf(at: number): number {
  return Math.floor(at / DAY) * DAY;
}

function countSince(days: ReadonlyMap<number, number> | undefined, since: number): number {
  let total = 0;
  if (days) for (const [day, count] of days) if (day >= since) total += count;
  return total;
}

/**
 * The counter an event condition reads: the event's name alone, or, with property filters, a
 * hash of the name and the filters, so that conditions with the same filters share a counter.
 */
export function counterKey(condition: Pick<EventCondition, 'event' | 'where'>): string {
  if (!condition.where || condition.where.length === 0) return `e:${condition.event}`;
  const canonical = JSON.stringify([
    condition.event,
    [...condition.where]
      .map((f) => [f.property, f.op, f.value ?? null])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  ]);
  return `f:${createHash('sha1').update(canonical).digest('base64url').slice(0, 20)}`;
}

/** Whether a track call's properties pass every filter. */
export function propertiesMatch(
  filters: PropertyFilter[] | undefined,
  properties: Record<string, unknown>,
): boolean {
  return (filters ?? []).every((f) =>
    compare(f.op as TraitOp, lookup(properties, f.property), f.value, undefined, 0),
  );
}

function traitMatches(
  condition: TraitCondition,
  traits: Record<string, unknown>,
  now: number,
): boolean {
  return compare(
    condition.op,
    lookup(traits, condition.trait),
    condition.value,
    condition.days,
    now,
  );
}

function compare(
  op: TraitOp,
  actual: unknown,
  expected: Scalar | undefined,
  days: number | undefined,
  now: number,
): boolean {
  const present = actual !== undefined && actual !== null && actual !== '';
  switch (op) {
    case 'exists':
      return present;
    case 'not_exists':
      return !present;
    case 'equals':
      return present && same(actual, expected);
    case 'not_equals':
      return !present || !same(actual, expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => same(item, expected));
      return (
        typeof actual === 'string' &&
        actual.toLowerCase().includes(String(expected ?? '').toLowerCase())
      );
    case 'greater_than':
    case 'less_than': {
      const a = number(actual);
      const b = number(expected);
      if (a === undefined || b === undefined) return false;
      return op === 'greater_than' ? a > b : a < b;
    }
    case 'before':
    case 'after': {
      const a = instant(actual);
      const b = instant(expected);
      if (a === undefined || b === undefined) return false;
      return op === 'before' ? a < b : a > b;
    }
    case 'more_than_days_ago':
    case 'less_than_days_ago': {
      const a = instant(actual);
      if (a === undefined || days === undefined) return false;
      const age = now - a;
      return op === 'more_than_days_ago' ? age > days * DAY : age >= 0 && age <= days * DAY;
    }
  }
}

/** Equality across the types JSON gives: 5 equals "5", true equals "true"; text ignores case. */
function same(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'object' || actual === undefined) return false;
  return String(actual).toLowerCase() === String(expected).toLowerCase();
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * A date as traits carry them: ISO 8601 text, or a number of epoch seconds (below 10^11, as
 * Segment's `createdAt` often is) or milliseconds.
 */
export function instant(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.abs(value) < 1e11 ? value * 1000 : value;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

function lookup(source: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(source, path)) return source[path];
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Whether a segment's answer can change with time alone (relative dates, event windows). */
export function timeDependent(group: ConditionGroup): boolean {
  return conditionsOf(group).some((c) =>
    c.type === 'event'
      ? true
      : c.type === 'message'
        ? c.withinDays !== undefined
        : c.op === 'more_than_days_ago' || c.op === 'less_than_days_ago',
  );
}

/** The longest event window of a definition, in days: counters older than that are unused. */
export function longestWindow(group: ConditionGroup): number {
  return Math.max(0, ...conditionsOf(group).map((c) => (c.type === 'event' ? c.withinDays : 0)));
}
