import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as received, on routes that keep it (see {@link keepRawJsonBodies}). */
    rawBody?: string;
    /** The same, as the bytes received, when they are well-formed UTF-8. */
    rawBytes?: Buffer;
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
 * same hardened parser, and keep the text as received in `request.rawBody` and its bytes in
 * `request.rawBytes`. The tracking API logs the body as it is: keeping what was read costs
 * nothing more, where serialising the parsed body again (or encoding the text again) would cost
 * as much as parsing it.
 */
export function keepRawJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const keeping = (
    request: FastifyRequest,
    bytes: Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ) => {
    // Fastify hands a buffer of its own (a copy, never a view of the socket's).
    const text = bytes.toString('utf8');
    parse(request, text, (error, value) => {
      if (!error) {
        request.rawBody = text;
        // Only bytes that are the UTF-8 of the text: a malformed sequence was decoded to U+FFFD,
        // and PostgreSQL refuses such bytes as text.
        if (isUtf8(bytes)) request.rawBytes = bytes;
      }
      done(error, value);
    });
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, keeping);
}
