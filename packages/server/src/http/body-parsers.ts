import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as received, on routes that keep it (see {@link keepRawJsonBodies}). */
    rawBody?: string;
  }
}

/**
 * Browsers send tracking batches as `text/plain` so that no CORS preflight is needed; such a body
 * is JSON all the same and goes through Fastify's own hardened JSON parser (which refuses
 * `__proto__` and `constructor.prototype` poisoning).
 */
export function installBodyParsers(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  // An empty body is no body: `POST …/launch` from a client that always sends a JSON
  // content type must not fail for want of `{}`.
  const lenient = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ) => (body.length === 0 ? done(null, undefined) : parse(request, body as string, done));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, lenient);
}

/**
 * For the routes registered in `app`'s scope: parse JSON bodies (either content type) with the
 * same hardened parser, and keep the text as received in `request.rawBody`. The tracking API
 * logs that text as it is: parsing once and keeping the string costs nothing more, where
 * serialising the parsed body again would cost as much as parsing it.
 */
export function keepRawJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const keeping = (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => {
    parse(request, body, (error, value) => {
      if (!error) request.rawBody = body;
      done(error, value);
    });
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, keeping);
}
