/**
 * The one catalogue of errors the Herald APIs answer with. Codes are stable: clients, scripts and
 * the dashboard match on them, so a code is never renamed or reused for another meaning.
 *
 * Every error reaches the client as `{"error": {"code", "message", "field"?}}`.
 *
 * @example
 * throw new HeraldError('validation_failed', 'name must be a non-empty string', 'name');
 */
export declare const ERROR_CATALOGUE: {
    readonly invalid_json: {
        readonly status: 400;
        readonly message: "The request body is not valid JSON";
    };
    readonly body_too_large: {
        readonly status: 400;
        readonly message: "The request body is too large";
    };
    readonly validation_failed: {
        readonly status: 400;
        readonly message: "The request is not valid";
    };
    readonly unsupported_media_type: {
        readonly status: 415;
        readonly message: "Send the body as application/json or text/plain";
    };
    readonly unauthorized: {
        readonly status: 401;
        readonly message: "Missing or invalid credentials";
    };
    readonly invalid_write_key: {
        readonly status: 401;
        readonly message: "Unknown or revoked write key";
    };
    readonly forbidden: {
        readonly status: 403;
        readonly message: "These credentials may not do that";
    };
    readonly invalid_login: {
        readonly status: 401;
        readonly message: "Wrong email or password";
    };
    readonly csrf_required: {
        readonly status: 403;
        readonly message: "A request signed in by cookie must send the header \"X-Herald-CSRF: 1\"";
    };
    readonly setup_done: {
        readonly status: 409;
        readonly message: "An admin account exists already; sign in instead";
    };
    readonly not_found: {
        readonly status: 404;
        readonly message: "Not found";
    };
    readonly route_not_found: {
        readonly status: 404;
        readonly message: "No such route";
    };
    readonly method_not_allowed: {
        readonly status: 405;
        readonly message: "Method not allowed";
    };
    readonly uri_too_long: {
        readonly status: 414;
        readonly message: "A part of the URL is too long";
    };
    readonly request_timeout: {
        readonly status: 408;
        readonly message: "The request took too long to arrive";
    };
    readonly headers_too_large: {
        readonly status: 431;
        readonly message: "The URL or the headers are too large";
    };
    readonly conflict: {
        readonly status: 409;
        readonly message: "The request conflicts with the current state";
    };
    readonly message_live: {
        readonly status: 409;
        readonly message: "This message has been launched: send \"newVersion\": true to publish an edit";
    };
    readonly invalid_transition: {
        readonly status: 409;
        readonly message: "The message cannot go to that status from its own";
    };
    readonly identity_not_verified: {
        readonly status: 401;
        readonly message: "This workspace verifies identities: send userHash or userToken for the userId";
    };
    readonly rate_limited: {
        readonly status: 429;
        readonly message: "Too many requests; retry after the given delay";
    };
    readonly internal_error: {
        readonly status: 500;
        readonly message: "Something went wrong on our side";
    };
    readonly unavailable: {
        readonly status: 503;
        readonly message: "The server is shutting down; retry on another node";
    };
};
export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export interface ErrorBody {
    error: {
        code: ErrorCode;
        message: string;
        field?: string;
    };
}
export declare class HeraldError extends Error {
    readonly code: ErrorCode;
    /** The offending field as a dotted path (`steps.0.html`), for forms to show errors in place. */
    readonly field?: string | undefined;
    /** Seconds a client should wait before retrying (rate limits, shutdown). */
    readonly retryAfter?: number | undefined;
    readonly statusCode: number;
    constructor(code: ErrorCode, message?: string, 
    /** The offending field as a dotted path (`steps.0.html`), for forms to show errors in place. */
    field?: string | undefined, 
    /** Seconds a client should wait before retrying (rate limits, shutdown). */
    retryAfter?: number | undefined);
    toBody(): ErrorBody;
}
/** Shorthand for the commonest error: a field that fails validation. */
export declare function invalid(field: string, message: string): HeraldError;
//# sourceMappingURL=errors.d.ts.map