import { MODAL_POSITIONS, OVERLAY_POSITIONS, TOOLTIP_POSITIONS } from '@herald/protocol';
import { experimentSchemas, steps } from './experiments.js';
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
    type: {
      enum: ['modal', 'overlay', 'inline', 'tooltip', 'inbox'],
      default: 'modal',
      description: 'inbox: shown only in the visitor’s inbox, never on the page',
    },
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
  ...experimentSchemas,
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
          interactions: {
            type: 'array',
            maxItems: 10,
            items: ref('MessageCondition'),
            description:
              'Earlier interactions with other messages the visitor must have had (all of them): for anonymous visitors and people alike',
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
        ...steps,
        description: 'With an experiment: optional, and answered as the first variant’s',
      },
      experiment: ref('Experiment'),
      trigger: ref('Trigger'),
      platforms: {
        type: 'array',
        items: { enum: ['web', 'mobile'] },
        minItems: 1,
        uniqueItems: true,
        default: ['web'],
        description:
          'Where it shows: web (the browser SDK), mobile (the React Native SDK, which asks with platform=mobile)',
      },
      inbox: {
        ...orNull({
          type: 'object',
          additionalProperties: false,
          properties: {
            topic: { ...orNull(text(100)), description: 'Groups the feed' },
            title: {
              ...orNull(text(200)),
              description: 'The feed’s line; absent: the first heading of the first step',
            },
            expiresAt: { ...orNull(dateTime), description: 'When it leaves every inbox' },
          },
        }),
        description:
          'Kept in the inbox once shown (with display inbox: its topic, title and expiry)',
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
      'inbox',
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
      inbox: {
        type: 'object',
        description:
          'In the inbox: openings and clicks there (also in views and clicks), reads, archives',
        properties: {
          opens: { type: 'integer' },
          clicks: { type: 'integer' },
          reads: { type: 'integer' },
          archives: { type: 'integer' },
        },
      },
      experiment: {
        ...ref('ExperimentFigures'),
        description: 'Messages with an experiment: each variant and the holdout, since launch',
      },
      locales: {
        type: 'object',
        additionalProperties: ref('SplitFigures'),
        description: 'Messages with translations: by language shown (`default`: the default)',
      },
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
