import { invalid } from '../errors.js';

/**
 * The small checks that validation code is made of, each throwing a `validation_failed` error
 * that names the field (a dotted path such as `steps.0.html`), so that clients can show it in
 * place. Shared by every hand-written validator: messages, segments, campaigns, broadcasts.
 *
 * @example
 * const body = object(request.body, 'body');
 * const name = text(body.name, 'name', 200);
 */
export type Fields = Record<string, unknown>;

export function object(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, 'must be an object');
  }
  return value as Fields;
}

export function array(value: unknown, field: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be an array');
  if (value.length < min) {
    throw invalid(field, `must hold at least ${min} item${min > 1 ? 's' : ''}`);
  }
  if (value.length > max) throw invalid(field, `must hold at most ${max} items`);
  return value;
}

/** A string of at most `max` characters, not blank unless `min` is 0, with no NUL. */
export function text(value: unknown, field: string, max: number, min = 1): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.trim().length < min) {
    throw invalid(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  }
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  if (value.includes('\u0000')) throw invalid(field, 'must not contain NUL characters');
  return value;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
