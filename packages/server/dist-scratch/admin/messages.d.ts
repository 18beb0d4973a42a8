import type { FastifyPluginAsync } from 'fastify';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
/**
 * Messages under `/workspaces/:ws/messages`: create, read, edit, delete, the lifecycle (launch,
 * pause, archive), a test send to one person, and the figures. Every change is announced on the
 * bus, so open pages on every node learn of a launch at once.
 */
export declare const messageRoutes: FastifyPluginAsync<{
    store: Store;
    inApp: InApp;
    ingest: ReadYourWrites;
}>;
//# sourceMappingURL=messages.d.ts.map