import type { FastifyPluginAsync } from 'fastify';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
/**
 * Event-triggered campaigns under `/workspaces/:ws/campaigns`: when a person performs an event
 * (with optional property filters) or enters a segment, queue a message for them, after an
 * optional delay. Active on creation; `stop` ends it and withdraws what was not opened, `start`
 * resumes it.
 */
export declare const campaignRoutes: FastifyPluginAsync<{
    store: Store;
    inApp: InApp;
}>;
//# sourceMappingURL=campaigns.d.ts.map