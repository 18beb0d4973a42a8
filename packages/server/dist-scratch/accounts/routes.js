import { HeraldError } from '../errors.js';
import { requireCsrfHeader } from './authenticate.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './cookies.js';
import { burnVerification, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword, } from './passwords.js';
import { LoginRateLimiter } from './rate-limit.js';
import { normaliseEmail } from './repository.js';
const credentialsSchema = (minPassword) => ({
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: {
        email: { type: 'string', maxLength: 320, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$' },
        password: { type: 'string', minLength: minPassword, maxLength: MAX_PASSWORD_LENGTH },
    },
});
/**
 * Dashboard sign-in, reachable without credentials (it is how a person gets some):
 * `GET /session` (who am I, does setup remain), `POST /setup` (the first admin, once),
 * `POST /login`, `POST /logout`. The POSTs need `X-Herald-CSRF: 1` like every cookie-signed
 * change, so that no other site can sign a visitor in or out.
 */
export const accountRoutes = async (app, options) => {
    const { accounts } = options;
    const limiter = new LoginRateLimiter(options.loginRateLimit);
    // Nothing here may be cached: the answers depend on the cookie.
    app.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
    });
    const startSession = async (request, reply, userId) => {
        const { token, expiresAt } = await accounts.createSession(userId);
        setSessionCookie(request, reply, token, (expiresAt - Date.now()) / 1000);
    };
    app.get('/session', async (request) => {
        const token = readCookie(request, SESSION_COOKIE);
        const session = token ? await accounts.findSession(token) : undefined;
        return {
            setupRequired: !(await accounts.hasAdmin()),
            user: session ? session.user : null,
        };
    });
    app.post('/setup', { schema: { body: credentialsSchema(MIN_PASSWORD_LENGTH) } }, async (request, reply) => {
        requireCsrfHeader(request);
        const user = await accounts.createFirstAdmin(request.body.email, request.body.password);
        if (!user)
            throw new HeraldError('setup_done');
        await startSession(request, reply, user.id);
        return reply.status(201).send({ user });
    });
    app.post('/login', { schema: { body: credentialsSchema(1) } }, async (request, reply) => {
        requireCsrfHeader(request);
        const email = normaliseEmail(request.body.email);
        const wait = limiter.retryAfter(request.ip, email);
        if (wait > 0) {
            throw new HeraldError('rate_limited', `Too many failed sign-ins; try again in ${wait} seconds`, undefined, wait);
        }
        const user = await accounts.findByEmail(email);
        const ok = user
            ? await verifyPassword(request.body.password, user.password_hash)
            : (await burnVerification(request.body.password), false);
        if (!user || !ok) {
            limiter.recordFailure(request.ip, email);
            throw new HeraldError('invalid_login');
        }
        limiter.recordSuccess(request.ip, email);
        await startSession(request, reply, user.id);
        return { user: { id: user.id, email: user.email } };
    });
    app.post('/logout', async (request, reply) => {
        requireCsrfHeader(request);
        const token = readCookie(request, SESSION_COOKIE);
        if (token)
            await accounts.deleteSession(token);
        clearSessionCookie(request, reply);
        return reply.status(204).send();
    });
};
//# sourceMappingURL=routes.js.map