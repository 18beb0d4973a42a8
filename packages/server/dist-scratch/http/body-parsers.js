/**
 * Browsers send tracking batches as `text/plain` so that no CORS preflight is needed; such a body
 * is JSON all the same and goes through Fastify's own hardened JSON parser (which refuses
 * `__proto__` and `constructor.prototype` poisoning).
 */
export function installBodyParsers(app) {
    const parse = app.getDefaultJsonParser('error', 'error');
    // An empty body is no body: `POST …/launch` from a client that always sends a JSON
    // content type must not fail for want of `{}`.
    const lenient = (request, body, done) => (body.length === 0 ? done(null, undefined) : parse(request, body, done));
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, lenient);
}
/**
 * For the routes registered in `app`'s scope: parse JSON bodies (either content type) with the
 * same hardened parser, and keep the text as received in `request.rawBody`. The tracking API
 * logs that text as it is: parsing once and keeping the string costs nothing more, where
 * serialising the parsed body again would cost as much as parsing it.
 */
export function keepRawJsonBodies(app) {
    const parse = app.getDefaultJsonParser('error', 'error');
    const keeping = (request, body, done) => {
        parse(request, body, (error, value) => {
            if (!error)
                request.rawBody = body;
            done(error, value);
        });
    };
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, keeping);
}
//# sourceMappingURL=body-parsers.js.map