import { STATUS_CODES as HTTP_STATUS } from 'node:http';
import { ERROR_CATALOGUE, HeraldError } from '../errors.js';
/**
 * Answers every error in the catalogue's shape. Errors raised by Fastify itself (body parsing,
 * schema validation, size limits) are translated to catalogue codes; anything unexpected is
 * logged and answered as a generic 500 that reveals nothing.
 */
export function installErrorHandler(app) {
    app.setErrorHandler((error, request, reply) => {
        const herald = toHeraldError(error);
        if (herald.statusCode >= 500)
            request.log.error({ err: error }, 'request failed');
        if (herald.retryAfter !== undefined)
            reply.header('retry-after', String(herald.retryAfter));
        return reply.status(herald.statusCode).send(herald.toBody());
    });
    // Plugins answer some errors themselves (@fastify/cors: a malformed preflight is a text/plain
    // 400); those too reach the client in the catalogue's shape.
    app.addHook('onSend', async (_request, reply, payload) => {
        if (reply.statusCode < 400)
            return payload;
        if (String(reply.getHeader('content-type') ?? '').startsWith('application/json'))
            return payload;
        const message = typeof payload === 'string' && payload.length < 200 ? payload : undefined;
        let error = toHeraldError({ statusCode: reply.statusCode, message });
        if (reply.statusCode < 500 && error.statusCode >= 500) {
            error = new HeraldError('validation_failed', message);
        }
        reply.type('application/json; charset=utf-8');
        return JSON.stringify(error.toBody());
    });
    app.setNotFoundHandler((request, reply) => {
        const error = new HeraldError('route_not_found', `No route for ${request.method} ${request.url}`);
        return reply.status(error.statusCode).send(error.toBody());
    });
}
/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a URL that is not valid
 * percent-encoding, `FST_ERR_BAD_URL`) bypass the error handler; answer them in the catalogue's
 * shape too.
 */
export function answerFrameworkError(error, _request, reply) {
    const herald = toHeraldError(error);
    void reply.status(herald.statusCode).send(herald.toBody());
}
/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers or URL beyond
 * 16 KB, a malformed request line, a timeout) never reaches Fastify's routing; it is answered
 * here, on the raw socket, in the catalogue's shape, and the connection closed.
 */
export function answerClientError(error, socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed)
        return;
    const code = error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers_too_large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 'request_timeout'
            : 'validation_failed';
    const herald = new HeraldError(code, code === 'validation_failed' ? 'The request is not valid HTTP' : undefined);
    const body = JSON.stringify(herald.toBody());
    if (socket.writable) {
        socket.write(`HTTP/1.1 ${herald.statusCode} ${HTTP_STATUS[herald.statusCode]}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Connection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
}
const FASTIFY_CODES = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
    FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
};
const STATUS_CODES = {
    400: 'validation_failed',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    414: 'uri_too_long',
    413: 'body_too_large',
    415: 'unsupported_media_type',
    429: 'rate_limited',
    503: 'unavailable',
};
export function toHeraldError(error) {
    if (error instanceof HeraldError)
        return error;
    const e = error;
    if (e.validation && e.validation.length > 0) {
        const first = e.validation[0];
        const missing = first.params?.missingProperty;
        const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = [path, missing].filter(Boolean).join('.') || (e.validationContext ?? 'body');
        const message = missing ? 'is required' : (first.message ?? 'is not valid');
        return new HeraldError('validation_failed', `${field} ${message}`, field);
    }
    const code = (e.code && FASTIFY_CODES[e.code]) || STATUS_CODES[e.statusCode ?? 0];
    if (code === 'invalid_json') {
        return new HeraldError(code, `${ERROR_CATALOGUE.invalid_json.message}: ${e.message}`);
    }
    if (code)
        return new HeraldError(code, e.message || undefined);
    if (error instanceof SyntaxError)
        return new HeraldError('invalid_json');
    return new HeraldError('internal_error');
}
//# sourceMappingURL=error-handler.js.map