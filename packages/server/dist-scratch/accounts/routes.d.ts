import type { FastifyPluginAsync } from 'fastify';
import { type LoginRateLimitOptions } from './rate-limit.js';
import { type AccountRepository } from './repository.js';
export interface AccountRoutesOptions {
    accounts: AccountRepository;
    loginRateLimit?: LoginRateLimitOptions;
}
/**
 * Dashboard sign-in, reachable without credentials (it is how a person gets some):
 * `GET /session` (who am I, does setup remain), `POST /setup` (the first admin, once),
 * `POST /login`, `POST /logout`. The POSTs need `X-Herald-CSRF: 1` like every cookie-signed
 * change, so that no other site can sign a visitor in or out.
 */
export declare const accountRoutes: FastifyPluginAsync<AccountRoutesOptions>;
//# sourceMappingURL=routes.d.ts.map