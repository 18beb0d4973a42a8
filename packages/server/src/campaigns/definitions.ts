import { invalid } from '../errors.js';
import { array, boolean, type Fields, integer, object, oneOf, text } from '../http/fields.js';
import { parseInteraction } from '../inapp/interactions.js';
import type {
  Condition,
  ConditionGroup,
  PropertyFilter,
  PropertyOp,
  Scalar,
  SegmentDefinition,
  TraitOp,
} from './conditions.js';

/**
 * Validation of what the admin API receives for segments, broadcasts and campaigns. Every
 * problem names its field as a dotted path (`conditions.0.days`), like message definitions.
 */

const TRAIT_OPS: readonly TraitOp[] = [
  'equals',
  'not_equals',
  'contains',
  'exists',
  'not_exists',
  'greater_than',
  'less_than',
  'before',
  'after',
  'more_than_days_ago',
  'less_than_days_ago',
];
const PROPERTY_OPS: readonly PropertyOp[] = [
  'equals',
  'not_equals',
  'contains',
  'exists',
  'greater_than',
  'less_than',
];
const MAX_CONDITIONS = 50;
const MAX_DEPTH = 4;
export const MAX_WINDOW_DAYS = 365;

export function parseSegmentDefinition(input: unknown, field = 'conditions'): SegmentDefinition {
  let count = 0;
  const group = (value: unknown, path: string, depth: number): ConditionGroup => {
    const raw = object(value, path);
    const match = oneOf(raw.match ?? 'all', `${path}.match`, ['all', 'any'] as const);
    const items = array(raw.conditions, `${path}.conditions`, 1, MAX_CONDITIONS);
    return {
      match,
      conditions: items.map((item, i) => {
        const at = `${path}.conditions.${i}`;
        if (++count > MAX_CONDITIONS) throw invalid(at, `exceeds ${MAX_CONDITIONS} conditions`);
        const itemRaw = object(item, at);
        if ('match' in itemRaw || 'conditions' in itemRaw) {
          if (depth >= MAX_DEPTH) throw invalid(at, `nests groups deeper than ${MAX_DEPTH}`);
          return group(itemRaw, at, depth + 1);
        }
        return condition(itemRaw, at);
      }),
    };
  };
  return group(input, field, 1);
}

function condition(raw: Fields, path: string): Condition {
  const type = oneOf(raw.type, `${path}.type`, ['trait', 'event', 'message'] as const);
  if (type === 'message') return parseInteraction(raw, path);
  if (type === 'trait') {
    const op = oneOf(raw.op, `${path}.op`, TRAIT_OPS);
    const parsed: Condition = { type, trait: text(raw.trait, `${path}.trait`, 200), op };
    if (op === 'more_than_days_ago' || op === 'less_than_days_ago') {
      parsed.days = integer(raw.days, `${path}.days`, 0, 36_500);
    } else if (op === 'before' || op === 'after') {
      const value = text(raw.value, `${path}.value`, 100);
      if (!Number.isFinite(Date.parse(value))) {
        throw invalid(`${path}.value`, 'must be an ISO 8601 date such as 2026-01-31');
      }
      parsed.value = value;
    } else if (op !== 'exists' && op !== 'not_exists') {
      parsed.value = scalar(raw.value, `${path}.value`);
    }
    return parsed;
  }
  const parsed: Condition = {
    type,
    event: text(raw.event, `${path}.event`, 200),
    atLeast: integer(raw.atLeast ?? 1, `${path}.atLeast`, 1, 1_000_000),
    withinDays: integer(raw.withinDays ?? 30, `${path}.withinDays`, 1, MAX_WINDOW_DAYS),
  };
  if (raw.where !== undefined) parsed.where = parseFilters(raw.where, `${path}.where`);
  if (raw.negate !== undefined) parsed.negate = boolean(raw.negate, `${path}.negate`);
  return parsed;
}

export function parseFilters(value: unknown, path: string): PropertyFilter[] {
  return array(value, path, 0, 20).map((item, i) => {
    const raw = object(item, `${path}.${i}`);
    const op = oneOf(raw.op ?? 'equals', `${path}.${i}.op`, PROPERTY_OPS);
    const filter: PropertyFilter = {
      property: text(raw.property, `${path}.${i}.property`, 200),
      op,
    };
    if (op !== 'exists') filter.value = scalar(raw.value, `${path}.${i}.value`);
    return filter;
  });
}

export type CampaignTrigger =
  | { type: 'event'; event: string; where?: PropertyFilter[] }
  | { type: 'segment_entered'; segmentId: string };

export interface CampaignDefinition {
  trigger: CampaignTrigger;
  /** Seconds between the trigger and the message being queued. */
  delaySeconds: number;
  /** Days a queued message waits for the person before it expires. */
  expiresDays: number;
}

export function parseCampaignDefinition(
  body: Fields,
  base?: CampaignDefinition,
): CampaignDefinition {
  const rawTrigger =
    body.trigger === undefined && base ? base.trigger : object(body.trigger, 'trigger');
  let trigger: CampaignTrigger;
  if ('type' in rawTrigger && rawTrigger.type === 'segment_entered') {
    trigger = {
      type: 'segment_entered',
      segmentId: text((rawTrigger as Fields).segmentId, 'trigger.segmentId', 64),
    };
  } else {
    const raw = rawTrigger as Fields;
    oneOf(raw.type, 'trigger.type', ['event', 'segment_entered'] as const);
    trigger = { type: 'event', event: text(raw.event, 'trigger.event', 200) };
    if (raw.where !== undefined) trigger.where = parseFilters(raw.where, 'trigger.where');
  }
  return {
    trigger,
    delaySeconds: integer(
      body.delaySeconds ?? base?.delaySeconds ?? 0,
      'delaySeconds',
      0,
      31_536_000,
    ),
    expiresDays: integer(body.expiresDays ?? base?.expiresDays ?? 30, 'expiresDays', 1, 365),
  };
}

function scalar(value: unknown, field: string): Scalar {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000')) return value;
  throw invalid(field, 'must be a string, number or boolean');
}
