import cors from '@fastify/cors';
import { type CallType, type JsonObject, TRACKING_LIMITS } from '@herald/protocol';
import type { FastifyPluginAsync } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import { HeraldError, invalid } from '../errors.js';
import type { Store } from '../store/index.js';
import { asObject, batchDefaults, type NormalizedEvent, normalizeCall } from './normalize.js';
import { RateLimiter } from './rate-limit.js';

export interface TrackingOptions {
  store: Store;
  writeKeys: WriteKeyResolver;
  /** Requests per second per workspace on this node; 0 turns the limit off. */
  rateLimit: number;
}

const SINGLE_CALLS: CallType[] = ['identify', 'track', 'page', 'screen', 'group', 'alias'];
const OK = { success: true } as const;

/**
 * The Segment-compatible tracking API under `/v1`. A 200 means every event of the request is
 * committed to the database: the SDK may forget them.
 */
export const trackingRoutes: FastifyPluginAsync<TrackingOptions> = async (app, options) => {
  const { store, writeKeys } = options;
  const limiter = new RateLimiter(options.rateLimit);

  // Any site may send events with its (public) write key; no cookies are involved.
  await app.register(cors, {
    origin: '*',
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    maxAge: 86_400,
  });

  const accept = async (workspaceId: string, events: NormalizedEvent[]) => {
    await store.events.write({ workspaceId, events });
    return OK;
  };

  for (const type of SINGLE_CALLS) {
    app.post(`/${type}`, { bodyLimit: TRACKING_LIMITS.maxCallBytes }, async (request) => {
      const workspaceId = await writeKeys.authenticate(request, request.body);
      limiter.take(workspaceId);
      return accept(workspaceId, [normalizeCall(request.body, type, Date.now(), {}, 'body')]);
    });
  }

  app.post('/batch', { bodyLimit: TRACKING_LIMITS.maxBatchBytes }, async (request) => {
    const workspaceId = await writeKeys.authenticate(request, request.body);
    limiter.take(workspaceId);
    const body = asObject(request.body, 'body');
    if (body === undefined) throw invalid('body', 'must be an object with a "batch" array');
    const items = body.batch;
    if (!Array.isArray(items)) throw invalid('batch', 'must be an array of calls');
    if (items.length > TRACKING_LIMITS.maxBatchCalls) {
      throw new HeraldError(
        'body_too_large',
        `batch holds ${items.length} calls; at most ${TRACKING_LIMITS.maxBatchCalls} are accepted`,
        'batch',
      );
    }
    const receivedAt = Date.now();
    const defaults = batchDefaults(body as JsonObject);
    const events = items.map((item, i) =>
      normalizeCall(item, undefined, receivedAt, defaults, `batch.${i}`),
    );
    return accept(workspaceId, events);
  });
};
