import { MAX_WINDOW_DAYS } from '../../campaigns/definitions.js';
import { integer, type JsonSchema, ref, text } from './shared.js';

/**
 * Segment conditions and event property filters as campaigns/definitions.ts validates them
 * (their meaning: campaigns/conditions.ts, docs/campaigns.md). Shared by segments and by
 * campaign triggers.
 */

const scalar: JsonSchema = {
  description: 'Text (at most 1,000 characters) is compared ignoring case; 5 equals "5"',
  oneOf: [{ type: 'string', maxLength: 1000 }, { type: 'number' }, { type: 'boolean' }],
};

const trait = text(200, 'A trait, or a dotted path into one such as `company.size`');

/** A trait condition of one family of operators: what else it needs. */
const traitCondition = (ops: string[], extra: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  required: ['type', 'trait', 'op', ...Object.keys(extra)],
  properties: { type: { const: 'trait' }, trait, op: { enum: ops }, ...extra },
});

export const conditionSchemas: Record<string, JsonSchema> = {
  Scalar: scalar,
  ConditionGroup: {
    type: 'object',
    description:
      'Conditions joined by AND (`all`) or OR (`any`). An item with `match` or `conditions` is a group; groups nest 4 levels deep, with at most 50 conditions in all. An empty group matches nobody.',
    required: ['conditions'],
    properties: {
      match: { enum: ['all', 'any'], default: 'all' },
      conditions: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          oneOf: [
            ref('TraitCondition'),
            ref('EventCondition'),
            ref('MessageCondition'),
            ref('ConditionGroup'),
          ],
        },
      },
    },
  },
  TraitCondition: {
    description: 'On a trait. Dates may be ISO 8601 text or epoch seconds or milliseconds.',
    oneOf: [
      traitCondition(['equals', 'not_equals', 'contains', 'greater_than', 'less_than'], {
        value: ref('Scalar'),
      }),
      traitCondition(['before', 'after'], { value: text(100, 'An ISO 8601 date') }),
      traitCondition(['more_than_days_ago', 'less_than_days_ago'], {
        days: integer(0, 36_500),
      }),
      traitCondition(['exists', 'not_exists'], {}),
    ],
  },
  EventCondition: {
    type: 'object',
    description:
      'Performed `event` at least `atLeast` times in the last `withinDays` UTC days, today included (with `negate`: fewer times).',
    required: ['type', 'event'],
    properties: {
      type: { const: 'event' },
      event: text(200),
      atLeast: integer(1, 1_000_000, 1),
      withinDays: integer(1, MAX_WINDOW_DAYS, 30),
      where: { type: 'array', maxItems: 20, items: ref('PropertyFilter') },
      negate: { type: 'boolean', default: false },
    },
  },
  MessageCondition: {
    type: 'object',
    description:
      'Has seen (last view), clicked (first click), dismissed or converted on a message, in the last `withinDays` days or ever (with `negate`: has not). Counts what the person did under each of their userIds and the anonymous IDs linked to them.',
    required: ['type', 'messageId', 'interaction'],
    additionalProperties: false,
    properties: {
      type: { const: 'message' },
      messageId: text(64),
      interaction: { enum: ['seen', 'clicked', 'dismissed', 'converted'] },
      withinDays: { ...integer(1, 365), description: 'Absent: ever' },
      negate: { type: 'boolean', default: false },
    },
  },
  PropertyFilter: {
    type: 'object',
    description: 'On a property of the event; `value` is required unless `op` is `exists`',
    required: ['property'],
    properties: {
      property: text(200, 'A property, or a dotted path into one'),
      op: {
        enum: ['equals', 'not_equals', 'contains', 'exists', 'greater_than', 'less_than'],
        default: 'equals',
      },
      value: ref('Scalar'),
    },
    if: { required: ['op'], properties: { op: { const: 'exists' } } },
    else: { required: ['value'] },
  },
};
