import { type Trigger, type TriggerCondition, TRIGGER_TYPES } from '@herald/protocol';
import { invalid } from '../errors.js';
import { array, integer, object, oneOf, text } from '../http/fields.js';

/**
 * `trigger`: `{match: "all" | "any", conditions: [...]}` with 1–10 conditions (trigger.ts in
 * the protocol). A click selector must parse as CSS; event property filters are flat values.
 */
export function parseTrigger(input: unknown): Trigger {
  const raw = object(input, 'trigger');
  const items = array(raw.conditions, 'trigger.conditions', 1, 10);
  return {
    match: oneOf(raw.match ?? 'all', 'trigger.match', ['all', 'any'] as const),
    conditions: items.map((item, i) => parseCondition(item, `trigger.conditions.${i}`)),
  };
}

function parseCondition(input: unknown, field: string): TriggerCondition {
  const raw = object(input, field);
  const type = oneOf(raw.type, `${field}.type`, TRIGGER_TYPES);
  switch (type) {
    case 'pageLoad':
    case 'exitIntent':
      return { type };
    case 'delay':
      return { type, seconds: integer(raw.seconds, `${field}.seconds`, 1, 3600) };
    case 'scroll':
      return { type, percent: integer(raw.percent, `${field}.percent`, 1, 100) };
    case 'click':
      return { type, selector: selector(raw.selector, `${field}.selector`) };
    case 'event': {
      const condition: TriggerCondition = { type, event: text(raw.event, `${field}.event`, 200) };
      if (raw.properties !== undefined && raw.properties !== null) {
        condition.properties = properties(raw.properties, `${field}.properties`);
      }
      return condition;
    }
  }
}

/** A CSS selector, refused when it could never match anything (unbalanced, empty). */
function selector(input: unknown, field: string): string {
  const value = text(input, field, 500);
  let depth = 0;
  for (const char of value) {
    if (char === '[' || char === '(') depth++;
    if (char === ']' || char === ')') depth--;
    if (depth < 0) break;
  }
  if (depth !== 0 || /^[\s,>+~]|[,>+~]\s*$/.test(value)) {
    throw invalid(field, 'must be a CSS selector such as #signup or .pricing button');
  }
  return value;
}

function properties(input: unknown, field: string): Record<string, string | number | boolean> {
  const raw = object(input, field);
  const keys = Object.keys(raw);
  if (keys.length > 20) throw invalid(field, 'may hold at most 20 properties');
  const result: Record<string, string | number | boolean> = {};
  for (const key of keys) {
    const value = raw[key];
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw invalid(`${field}.${key}`, 'must be a string, a number or true/false');
    }
    if (typeof value === 'string' && value.length > 500) {
      throw invalid(`${field}.${key}`, 'must be at most 500 characters');
    }
    result[key] = value as string | number | boolean;
  }
  return result;
}
