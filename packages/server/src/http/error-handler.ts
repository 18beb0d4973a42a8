import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode, HeraldError } from '../errors.js';

/**
 * Answers every error in the catalogue's shape. Errors raised by Fastify itself (body parsing,
 * schema validation, size limits) are translated to catalogue codes; anything unexpected is
 * logged and answered as a generic 500 that reveals nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const herald = toHeraldError(error);
    if (herald.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (herald.retryAfter !== undefined) reply.header('retry-after', String(herald.retryAfter));
    return reply.status(herald.statusCode).send(herald.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new HeraldError(
      'route_not_found',
      `No route for ${request.method} ${request.url}`,
    );
    return reply.status(error.statusCode).send(error.toBody());
  });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

export function toHeraldError(error: unknown): HeraldError {
  if (error instanceof HeraldError) return error;
  const e = error as Partial<FastifyError> & { message?: string };
  if (e.validation && e.validation.length > 0) {
    const first = e.validation[0]!;
    const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = [path, missing].filter(Boolean).join('.') || (e.validationContext ?? 'body');
    const message = missing ? 'is required' : (first.message ?? 'is not valid');
    return new HeraldError('validation_failed', `${field} ${message}`, field);
  }
  const code = (e.code && FASTIFY_CODES[e.code]) || STATUS_CODES[e.statusCode ?? 0];
  if (code === 'invalid_json') {
    return new HeraldError(code, `${ERROR_CATALOGUE.invalid_json.message}: ${e.message}`);
  }
  if (code) return new HeraldError(code, e.message || undefined);
  if (error instanceof SyntaxError) return new HeraldError('invalid_json');
  return new HeraldError('internal_error');
}
