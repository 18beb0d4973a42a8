import { ApiError } from '../api/client.js';
import {
  describeInteraction,
  interactionBody,
  type InteractionDraft,
  interactionDraftOf,
  type MessageNames,
} from '../components/interactions.js';
import type {
  Condition,
  ConditionGroup,
  EventCondition,
  PropertyFilter,
  PropertyOp,
  Scalar,
  TraitCondition,
  TraitOp,
} from '../api/types.js';

/**
 * What the conditions builder edits, and its conversion to and from the admin API's JSON. The
 * draft has the API's shape (same nesting, same indices), so an API error's field
 * (`conditions.conditions.1.withinDays`) names the draft's input directly. Each condition keeps
 * every input of its kind (a trait's `value` and `days`), and only the ones its operator uses
 * are sent.
 */

export interface TraitDraft {
  type: 'trait';
  trait: string;
  op: TraitOp;
  value: Scalar;
  days: number;
}

export interface FilterDraft {
  property: string;
  op: PropertyOp;
  value: Scalar;
}

export interface EventDraft {
  type: 'event';
  event: string;
  atLeast: number;
  withinDays: number;
  negate: boolean;
  where: FilterDraft[];
}

export type ConditionDraft = TraitDraft | EventDraft | InteractionDraft;

export interface GroupDraft {
  match: 'all' | 'any';
  conditions: ItemDraft[];
}

export type ItemDraft = ConditionDraft | GroupDraft;

/** What an operator asks for besides its subject. */
export type Operand = 'value' | 'number' | 'date' | 'days' | 'none';

export const TRAIT_OPS: ReadonlyArray<{ value: TraitOp; label: string; operand: Operand }> = [
  { value: 'equals', label: 'equals', operand: 'value' },
  { value: 'not_equals', label: 'does not equal', operand: 'value' },
  { value: 'contains', label: 'contains', operand: 'value' },
  { value: 'exists', label: 'is set', operand: 'none' },
  { value: 'not_exists', label: 'is not set', operand: 'none' },
  { value: 'greater_than', label: 'is greater than', operand: 'number' },
  { value: 'less_than', label: 'is less than', operand: 'number' },
  { value: 'before', label: 'is before', operand: 'date' },
  { value: 'after', label: 'is after', operand: 'date' },
  { value: 'more_than_days_ago', label: 'is more than … days ago', operand: 'days' },
  { value: 'less_than_days_ago', label: 'is within the last … days', operand: 'days' },
];

export const PROPERTY_OPS: ReadonlyArray<{ value: PropertyOp; label: string; operand: Operand }> = [
  { value: 'equals', label: 'equals', operand: 'value' },
  { value: 'not_equals', label: 'does not equal', operand: 'value' },
  { value: 'contains', label: 'contains', operand: 'value' },
  { value: 'exists', label: 'is set', operand: 'none' },
  { value: 'greater_than', label: 'is greater than', operand: 'number' },
  { value: 'less_than', label: 'is less than', operand: 'number' },
];

export const operandOf = (op: TraitOp | PropertyOp): Operand =>
  TRAIT_OPS.find((o) => o.value === op)?.operand ?? 'value';

/** Groups nest this deep at most (the root is depth 1), as the server allows. */
export const MAX_DEPTH = 4;

/**
 * Typed text as the API's scalar: `42` and `1.5` become numbers, `true`/`false` booleans, the
 * rest stays text. Only text that reads back the same converts, so the input always shows what
 * was typed (`007`, `1e3` and `1.` stay text).
 */
export function parseScalar(text: string): Scalar {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n) && String(n) === text) return n;
  return text;
}

export const isGroupDraft = (item: ItemDraft): item is GroupDraft => 'match' in item;

export const newTrait = (): TraitDraft => ({
  type: 'trait',
  trait: '',
  op: 'equals',
  value: '',
  days: 30,
});

export const newEvent = (): EventDraft => ({
  type: 'event',
  event: '',
  atLeast: 1,
  withinDays: 30,
  negate: false,
  where: [],
});

export const newFilter = (): FilterDraft => ({ property: '', op: 'equals', value: '' });

export const newGroup = (match: 'all' | 'any' = 'all'): GroupDraft => ({
  match,
  conditions: [newTrait()],
});

export const filterDraftOf = (f: PropertyFilter): FilterDraft => ({
  property: f.property,
  op: f.op,
  value: f.value ?? '',
});

/** Text values are sent trimmed: `pro ` would never equal `pro`. */
const trimmed = (value: Scalar) => (typeof value === 'string' ? value.trim() : value);

export function filterBody(f: FilterDraft): PropertyFilter {
  const body: PropertyFilter = { property: f.property.trim(), op: f.op };
  if (f.op !== 'exists') body.value = trimmed(f.value);
  return body;
}

export function groupDraftOf(group: ConditionGroup): GroupDraft {
  return {
    match: group.match,
    conditions: group.conditions.map((item) =>
      'match' in item ? groupDraftOf(item) : conditionDraftOf(item),
    ),
  };
}

function conditionDraftOf(c: Condition): ConditionDraft {
  if (c.type === 'message') return interactionDraftOf(c);
  if (c.type === 'trait') {
    return { ...newTrait(), trait: c.trait, op: c.op, value: c.value ?? '', days: c.days ?? 30 };
  }
  return {
    type: 'event',
    event: c.event,
    atLeast: c.atLeast,
    withinDays: c.withinDays,
    negate: c.negate ?? false,
    where: (c.where ?? []).map(filterDraftOf),
  };
}

/** The draft as the API takes it: each condition with only what its operator uses. */
export function groupBody(group: GroupDraft): ConditionGroup {
  return {
    match: group.match,
    conditions: group.conditions.map((item) =>
      isGroupDraft(item) ? groupBody(item) : conditionBody(item),
    ),
  };
}

function conditionBody(c: ConditionDraft): Condition {
  if (c.type === 'message') return interactionBody(c);
  if (c.type === 'trait') {
    const body: TraitCondition = { type: 'trait', trait: c.trait.trim(), op: c.op };
    const operand = operandOf(c.op);
    if (operand === 'days') body.days = c.days;
    else if (operand !== 'none') body.value = trimmed(c.value);
    return body;
  }
  const body: EventCondition = {
    type: 'event',
    event: c.event.trim(),
    atLeast: c.atLeast,
    withinDays: c.withinDays,
  };
  if (c.where.length > 0) body.where = c.where.map(filterBody);
  if (c.negate) body.negate = true;
  return body;
}

/**
 * What the server would accept but nobody means: an empty value (it never matches) or text
 * where a number is compared. Answers the first such problem, as an error naming its field.
 */
export function checkGroup(group: GroupDraft, path = 'conditions'): ApiError | undefined {
  for (const [i, item] of group.conditions.entries()) {
    const at = `${path}.conditions.${i}`;
    const problem = isGroupDraft(item)
      ? checkGroup(item, at)
      : item.type === 'trait'
        ? checkOperand(item.op, item.value, `${at}.value`)
        : item.type === 'message'
          ? item.messageId
            ? undefined
            : new ApiError(400, 'validation_failed', 'Choose a message.', `${at}.messageId`)
          : checkFilters(item.where, `${at}.where`);
    if (problem) return problem;
  }
  return undefined;
}

export function checkFilters(filters: FilterDraft[], path: string): ApiError | undefined {
  for (const [i, f] of filters.entries()) {
    const problem = checkOperand(f.op, f.value, `${path}.${i}.value`);
    if (problem) return problem;
  }
  return undefined;
}

function checkOperand(op: TraitOp | PropertyOp, value: Scalar, field: string) {
  const operand = operandOf(op);
  if (operand === 'none' || operand === 'days') return undefined;
  if (typeof value === 'string' && value.trim() === '') {
    const hint = operand === 'date' ? 'Choose a date.' : 'Enter a value, or choose “is set”.';
    return new ApiError(400, 'validation_failed', hint, field);
  }
  if (operand === 'number' && typeof value !== 'number') {
    return new ApiError(400, 'validation_failed', 'Enter a number, such as 100.', field);
  }
  return undefined;
}

const quoted = (value: Scalar | undefined) =>
  typeof value === 'string' ? `“${value}”` : String(value);

export function describeFilter(f: PropertyFilter): string {
  const op = PROPERTY_OPS.find((o) => o.value === f.op)?.label ?? f.op;
  return f.op === 'exists' ? `${f.property} is set` : `${f.property} ${op} ${quoted(f.value)}`;
}

/** One condition in words, e.g. `plan equals “pro”`. */
export function describeCondition(c: Condition, names: MessageNames = new Map()): string {
  if (c.type === 'message') return describeInteraction(c, names);
  if (c.type === 'trait') {
    switch (operandOf(c.op)) {
      case 'none':
        return `${c.trait} ${c.op === 'exists' ? 'is set' : 'is not set'}`;
      case 'days': {
        const days = `${c.days} day${c.days === 1 ? '' : 's'}`;
        return c.op === 'more_than_days_ago'
          ? `${c.trait} is more than ${days} ago`
          : `${c.trait} is within the last ${days}`;
      }
      default:
        return `${c.trait} ${TRAIT_OPS.find((o) => o.value === c.op)?.label ?? c.op} ${quoted(c.value)}`;
    }
  }
  const where = c.where?.length ? ` where ${c.where.map(describeFilter).join(' and ')}` : '';
  const days = c.withinDays === 1 ? 'today' : `in the last ${c.withinDays} days`;
  if (c.negate && c.atLeast === 1) return `did not perform “${c.event}”${where} ${days}`;
  const times = c.negate
    ? `fewer than ${c.atLeast} times`
    : c.atLeast === 1
      ? 'at least once'
      : `at least ${c.atLeast} times`;
  return `performed “${c.event}”${where} ${times} ${days}`;
}
