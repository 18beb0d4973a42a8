import { ERROR_CATALOGUE, type ErrorCode } from '../../errors.js';

/**
 * The building blocks of the admin API's OpenAPI document: schema shorthands that say what the
 * hand-written validators (http/fields.ts) accept, the parameters many routes share, and the
 * schemas several resources answer with (errors, send figures).
 */

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), written as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** An OpenAPI parameter object (path or query). */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/** A reference to a schema of `components.schemas`. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** That schema, or `null`. */
export const orNull = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });

/** A string as `text()` accepts it: 1 to `max` characters, not blank, without NUL. */
export const text = (max: number, description?: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  pattern: '\\S',
  ...(description === undefined ? {} : { description }),
});

/** A whole number as `integer()` accepts it, with the default an absent field takes. */
export const integer = (minimum: number, maximum: number, fallback?: number): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
  ...(fallback === undefined ? {} : { default: fallback }),
});

export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };

/** `{data: [...]}`: a whole list in one answer. */
export const list = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items: item } },
});

/** `{data: [...], next}`: one page of a list paged newest first. */
export const page = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['data', 'next'],
  properties: {
    data: { type: 'array', items: item },
    next: {
      type: ['string', 'null'],
      description: 'Pass it as `before` for the following (older) page; null on the last page',
    },
  },
});

/** `{deleted: true, id}`: what a deletion answers. */
export const deleted: JsonSchema = {
  type: 'object',
  required: ['deleted', 'id'],
  properties: { deleted: { const: true }, id: { type: 'string' } },
};

export const pathParam = (
  name: string,
  description: string,
  schema: JsonSchema = { type: 'string' },
): Parameter => ({ name, in: 'path', required: true, description, schema });

export const queryParam = (name: string, description: string, schema: JsonSchema): Parameter => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

export const ws = pathParam('ws', 'Workspace id (`ws_…`)');

/** `before`: the cursor of paged lists (activity, segment members). */
export const before = queryParam(
  'before',
  'The `next` of the previous page; a value this API did not return is refused',
  { type: 'string', maxLength: 200 },
);

/** Schemas more than one resource answers with. */
export const sharedSchemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            enum: Object.keys(ERROR_CATALOGUE) as ErrorCode[],
            description: 'Stable: match on it, not on the message',
          },
          message: { type: 'string', description: 'For people; may change' },
          field: {
            type: 'string',
            description: 'The offending input as a dotted path, such as `conditions.0.days`',
          },
        },
      },
    },
  },
  SendFigures: {
    type: 'object',
    description: 'What a broadcast or campaign achieved: entries queued, and what people did',
    required: ['sent', 'opened', 'clicked', 'dismissed', 'converted', 'withdrawn'],
    properties: {
      sent: { type: 'integer', description: 'Entries queued' },
      opened: { type: 'integer' },
      clicked: { type: 'integer' },
      dismissed: { type: 'integer' },
      converted: {
        type: 'integer',
        description: 'People who converted on the message’s goal after opening it',
      },
      withdrawn: { type: 'integer', description: 'Entries taken back unopened by a stop' },
    },
  },
};
