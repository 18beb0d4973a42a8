import type { FastifyPluginAsync } from 'fastify';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
export interface AdminOptions {
    store: Store;
    masterKey: string;
    inApp: InApp;
    /** Reads of ingested data wait on it, to see every event acknowledged before them. */
    ingest: ReadYourWrites;
}
/**
 * The admin API under `/api/v1`: JSON over HTTP, for scripts with the master key as a bearer
 * token, for the dashboard with a session cookie. Sign-in and setup answer without credentials.
 */
export declare const adminRoutes: FastifyPluginAsync<AdminOptions>;
//# sourceMappingURL=index.d.ts.map