import type { FastifyPluginAsync } from 'fastify';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
/**
 * Broadcasts under `/workspaces/:ws/broadcasts`: one message, now or at `sendAt`, to everyone in
 * a segment at that time. Each member gets it in their queue, shown at their next eligible page,
 * for `expiresDays` (default 30). `stop` sends nothing more and withdraws what was not opened.
 */
export declare const broadcastRoutes: FastifyPluginAsync<{
    store: Store;
    inApp: InApp;
}>;
/**
 * A message a broadcast or campaign may send: it exists, is for identified people (it is queued
 * for a userId; Liquid may use their traits), and is not archived.
 */
export declare function sendableMessage(store: Store, workspaceId: string, value: unknown): Promise<string>;
//# sourceMappingURL=broadcasts.d.ts.map