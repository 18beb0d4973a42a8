import { integer, orNull, ref, text, type JsonSchema } from './shared.js';

/**
 * Experiments and languages in the API's documents: a step's translations, a message's
 * variants with their holdout, and the figures per variant and language (inapp/experiment-*.ts).
 */

const LOCALE_PATTERN = '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$';

/** `steps[]` of a message or a variant. */
export const steps: JsonSchema = {
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
      html: text(100_000, 'The default language; may use Liquid when the audience is identified'),
      display: { ...ref('Display'), description: 'Overrides the message’s display' },
      locales: {
        type: 'object',
        maxProperties: 50,
        description:
          'The step in other languages, by BCP 47 tag (de, pt-BR). A visitor gets the exact tag, else one of the same language, else `html`.',
        propertyNames: { pattern: LOCALE_PATTERN },
        additionalProperties: {
          type: 'object',
          required: ['html'],
          properties: { html: text(100_000) },
        },
      },
    },
  },
};

const experiment: JsonSchema = {
  type: 'object',
  required: ['variants'],
  description:
    'Variants shown to shares of the audience by weight, and a holdout shown nothing. Assignment is a hash of the message and the person: the same on every device; the first exposure is kept through merges. `steps` of the message become the first variant’s.',
  properties: {
    variants: {
      type: 'array',
      minItems: 2,
      maxItems: 5,
      items: {
        type: 'object',
        required: ['key', 'steps'],
        properties: {
          key: { type: 'string', pattern: '^[\\w-]+$', maxLength: 40, not: { const: 'holdout' } },
          name: text(200, 'Default: the key'),
          weight: integer(1, 1000, 1),
          steps,
          display: { ...ref('Display'), description: 'Overrides the message’s display' },
        },
      },
    },
    holdoutPercent: { ...integer(0, 50, 0), description: 'Shown nothing: the control group' },
    winner: {
      ...orNull({ type: 'string' }),
      description: 'Set by POST …/winner: everyone gets this variant',
    },
  },
};

const split: JsonSchema = {
  type: 'object',
  properties: {
    exposed: { type: 'integer', description: 'People shown it (or, in the holdout, reached)' },
    views: { type: 'integer' },
    uniqueViewers: { type: 'integer' },
    dismissals: { type: 'integer' },
    clicks: { type: 'object', additionalProperties: { type: 'integer' } },
    conversions: { type: 'integer', description: 'Counted from the first exposure' },
    conversionRate: { type: 'number', description: 'Conversions per exposed person' },
  },
};

const comparison: JsonSchema = {
  type: 'object',
  properties: {
    lift: { ...orNull({ type: 'number' }), description: 'Rate over the control’s' },
    z: orNull({ type: 'number' }),
    pValue: { ...orNull({ type: 'number' }), description: 'Two-sided two-proportion z-test' },
    probabilityBetter: {
      ...orNull({ type: 'number' }),
      description: 'P(rate beats the control’s), Beta posteriors with uniform priors',
    },
    verdict: { enum: ['not_enough_data', 'better', 'worse', 'no_difference'] },
  },
};

const condition = (type: string, properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  required: ['type', ...Object.keys(properties).filter((key) => key !== 'properties')],
  properties: { type: { const: type }, ...properties },
});

const trigger: JsonSchema = {
  type: 'object',
  required: ['conditions'],
  description:
    'When the message appears once eligible, counted from the current page; absent: at once. Test sends ignore it.',
  properties: {
    match: { enum: ['all', 'any'], default: 'all' },
    conditions: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        oneOf: [
          condition('pageLoad'),
          condition('delay', { seconds: integer(1, 3600) }),
          condition('scroll', { percent: integer(1, 100) }),
          {
            ...condition('exitIntent'),
            description: 'Pointer leaving through the top; a fast scroll back up on touch screens',
          },
          condition('click', { selector: text(500, 'A CSS selector: the element or inside it') }),
          condition('event', {
            event: text(200, 'A track() call on the page'),
            properties: {
              type: 'object',
              maxProperties: 20,
              additionalProperties: { type: ['string', 'number', 'boolean'] },
              description: 'Properties the event must have, with these values',
            },
          }),
        ],
      },
    },
  },
};

export const experimentSchemas: Record<string, JsonSchema> = {
  Experiment: experiment,
  Trigger: trigger,
  SplitFigures: split,
  ExperimentFigures: {
    type: 'object',
    properties: {
      test: { const: 'two-proportion z-test' },
      significance: { type: 'number', description: 'A p-value below it is a difference' },
      minimumSample: {
        type: 'object',
        description: 'Below these, the verdict is not_enough_data',
        properties: { exposed: { type: 'integer' }, conversions: { type: 'integer' } },
      },
      control: { type: 'string', description: '`holdout`, or the first variant without one' },
      holdoutPercent: { type: 'integer' },
      winner: orNull({ type: 'string' }),
      holdout: orNull(ref('SplitFigures')),
      variants: {
        type: 'array',
        items: {
          allOf: [
            ref('SplitFigures'),
            {
              type: 'object',
              properties: {
                key: { type: 'string' },
                name: { type: 'string' },
                weight: { type: 'integer' },
                comparison: { ...orNull(comparison), description: 'null for the control' },
              },
            },
          ],
        },
      },
    },
  },
};
