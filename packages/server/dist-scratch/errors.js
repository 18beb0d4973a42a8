/**
 * The one catalogue of errors the Herald APIs answer with. Codes are stable: clients, scripts and
 * the dashboard match on them, so a code is never renamed or reused for another meaning.
 *
 * Every error reaches the client as `{"error": {"code", "message", "field"?}}`.
 *
 * @example
 * throw new HeraldError('validation_failed', 'name must be a non-empty string', 'name');
 */
export const ERROR_CATALOGUE = {
    invalid_json: { status: 400, message: 'The request body is not valid JSON' },
    body_too_large: { status: 400, message: 'The request body is too large' },
    validation_failed: { status: 400, message: 'The request is not valid' },
    unsupported_media_type: {
        status: 415,
        message: 'Send the body as application/json or text/plain',
    },
    unauthorized: { status: 401, message: 'Missing or invalid credentials' },
    invalid_write_key: { status: 401, message: 'Unknown or revoked write key' },
    forbidden: { status: 403, message: 'These credentials may not do that' },
    invalid_login: { status: 401, message: 'Wrong email or password' },
    csrf_required: {
        status: 403,
        message: 'A request signed in by cookie must send the header "X-Herald-CSRF: 1"',
    },
    setup_done: { status: 409, message: 'An admin account exists already; sign in instead' },
    not_found: { status: 404, message: 'Not found' },
    route_not_found: { status: 404, message: 'No such route' },
    method_not_allowed: { status: 405, message: 'Method not allowed' },
    uri_too_long: { status: 414, message: 'A part of the URL is too long' },
    request_timeout: { status: 408, message: 'The request took too long to arrive' },
    headers_too_large: { status: 431, message: 'The URL or the headers are too large' },
    conflict: { status: 409, message: 'The request conflicts with the current state' },
    message_live: {
        status: 409,
        message: 'This message has been launched: send "newVersion": true to publish an edit',
    },
    invalid_transition: { status: 409, message: 'The message cannot go to that status from its own' },
    identity_not_verified: {
        status: 401,
        message: 'This workspace verifies identities: send userHash or userToken for the userId',
    },
    rate_limited: { status: 429, message: 'Too many requests; retry after the given delay' },
    internal_error: { status: 500, message: 'Something went wrong on our side' },
    unavailable: { status: 503, message: 'The server is shutting down; retry on another node' },
};
export class HeraldError extends Error {
    code;
    field;
    retryAfter;
    statusCode;
    constructor(code, message = ERROR_CATALOGUE[code].message, 
    /** The offending field as a dotted path (`steps.0.html`), for forms to show errors in place. */
    field, 
    /** Seconds a client should wait before retrying (rate limits, shutdown). */
    retryAfter) {
        super(message);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
        this.name = 'HeraldError';
        this.statusCode = ERROR_CATALOGUE[code].status;
    }
    toBody() {
        const body = { error: { code: this.code, message: this.message } };
        if (this.field !== undefined)
            body.error.field = this.field;
        return body;
    }
}
/** Shorthand for the commonest error: a field that fails validation. */
export function invalid(field, message) {
    return new HeraldError('validation_failed', `${field} ${message}`, field);
}
//# sourceMappingURL=errors.js.map