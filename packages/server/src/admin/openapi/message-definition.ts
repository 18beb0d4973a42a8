import { MODAL_POSITIONS, OVERLAY_POSITIONS, TOOLTIP_POSITIONS } from '@herald/protocol';
import { dateTime, integer, type JsonSchema, orNull, ref, text } from './shared.js';

/**
 * A message's definition as inapp/definition.ts validates it, and a message as the API answers
 * it. On creation every field but `name` and `steps` has a default; an edit sends only the
 * fields that change. Unknown fields are refused (`unevaluatedProperties` in messages.ts).
 */

const YEAR_SECONDS = 31_536_000;

const display: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { enum: ['modal', 'overlay', 'inline', 'tooltip'], default: 'modal' },
    position: {
      enum: [...new Set([...MODAL_POSITIONS, ...OVERLAY_POSITIONS, ...TOOLTIP_POSITIONS])],
      description: `modal: ${MODAL_POSITIONS.join(', ')} (default center); overlay: ${OVERLAY_POSITIONS.join(', ')} (default bottom-right); tooltip: ${TOOLTIP_POSITIONS.join(', ')} (default bottom); inline: none`,
    },
    selector: text(500, 'inline and tooltip (required for them): the CSS selector of the element'),
    width: {
      type: 'string',
      pattern: '^\\d{1,5}(\\.\\d{1,3})?(px|%|rem|em|vw)$',
      description: 'A CSS length such as 480px or 60%',
    },
    overlayColor: {
      type: 'string',
      description: 'A modal’s backdrop: #rgb…#rrggbbaa, rgb()/rgba() or a colour name',
    },
    dismissOnOutsideClick: { type: 'boolean' },
  },
};

const pageRule: JsonSchema = {
  type: 'object',
  required: ['op', 'value'],
  properties: {
    op: { enum: ['matches', 'contains', 'equals', 'regex'] },
    value: text(
      2000,
      'matches: the whole URL (or page name), `*` for any run; equals: the same without wildcards; contains: anywhere in the URL; regex: `pattern` or `/pattern/flags`',
    ),
  },
};

export const messageSchemas: Record<string, JsonSchema> = {
  Display: display,
  PageRule: pageRule,
  // Open here, so that Message can extend it; request bodies close it (unevaluatedProperties).
  MessageDefinition: {
    type: 'object',
    properties: {
      name: text(200),
      description: { type: 'string', maxLength: 2000, default: '' },
      audience: {
        type: 'object',
        required: ['type'],
        default: { type: 'anonymous' },
        properties: {
          type: { enum: ['anonymous', 'identified'] },
          segment: {
            ...orNull(text(200)),
            description: 'Identified audiences only: the id of a segment the person must be in',
          },
        },
      },
      priority: { ...integer(1, 10, 5), description: '1 is the highest' },
      pageRules: {
        type: 'object',
        properties: {
          include: {
            type: 'array',
            maxItems: 50,
            items: ref('PageRule'),
            description: 'The page must match one; none: every page',
          },
          exclude: { type: 'array', maxItems: 50, items: ref('PageRule') },
        },
      },
      frequency: {
        type: 'object',
        properties: {
          maxViews: {
            type: ['integer', 'null'],
            minimum: 1,
            maximum: 1000,
            default: null,
            description: 'null: on every matching page until dismissed',
          },
          cooldownSeconds: integer(0, YEAR_SECONDS, 0),
          reEligibleAfterSeconds: {
            type: ['integer', 'null'],
            minimum: 1,
            maximum: YEAR_SECONDS,
            description: 'Shown again this long after a dismissal or the last of maxViews',
          },
        },
      },
      schedule: {
        type: 'object',
        properties: {
          startAt: { ...orNull(dateTime), description: 'null: from launch' },
          endAt: { ...orNull(dateTime), description: 'After startAt; null: until stopped' },
          timezone: { ...orNull(text(100)), description: 'An IANA time zone, for display' },
        },
      },
      goal: {
        type: 'object',
        properties: {
          criteria: { enum: ['click', 'view'], default: 'click' },
          windowDays: integer(1, 365, 7),
          event: { ...orNull(text(200)), description: 'The person must also perform it' },
          segment: {
            ...orNull({
              type: 'object',
              required: ['id'],
              properties: {
                id: text(64, 'A segment of the workspace'),
                on: { enum: ['enter', 'leave'], default: 'enter' },
              },
            }),
            description: 'Converts when the person enters (or leaves) the segment',
          },
        },
      },
      display: ref('Display'),
      steps: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: {
          type: 'object',
          required: ['name', 'html'],
          properties: {
            name: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              pattern: '^[\\w-]+$',
              description: 'Unique in the message; used in herald://step/<name>',
            },
            html: text(100_000, 'May use Liquid when the audience is identified'),
            display: { ...ref('Display'), description: 'Overrides the message’s display' },
          },
        },
      },
    },
  },
  Message: {
    allOf: [
      ref('MessageDefinition'),
      {
        type: 'object',
        required: ['id', 'status', 'version', 'launchedAt', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string' },
          status: { enum: ['draft', 'active', 'paused', 'archived'] },
          version: { type: 'integer', description: 'Grows by one on each edit once launched' },
          launchedAt: orNull(dateTime),
          createdAt: dateTime,
          updatedAt: dateTime,
        },
      },
    ],
  },
  Metrics: {
    type: 'object',
    required: [
      'views',
      'uniqueViewers',
      'dismissals',
      'clicks',
      'conversions',
      'conversionRate',
      'errors',
      'series',
    ],
    properties: {
      views: { type: 'integer' },
      uniqueViewers: { type: 'integer' },
      dismissals: { type: 'integer' },
      clicks: {
        type: 'object',
        additionalProperties: { type: 'integer' },
        description: 'By action',
      },
      conversions: { type: 'integer' },
      conversionRate: { type: 'number', description: 'Conversions per unique viewer' },
      errors: { type: 'integer', description: 'Times the message failed to show in a browser' },
      series: {
        type: 'array',
        description: 'One point per hour or day of the range, empty ones included',
        items: {
          type: 'object',
          properties: {
            t: dateTime,
            views: { type: 'integer' },
            dismissals: { type: 'integer' },
            clicks: { type: 'integer' },
            conversions: { type: 'integer' },
          },
        },
      },
    },
  },
};
