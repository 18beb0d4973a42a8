import cors from '@fastify/cors';
import { type CallType, TRACKING_LIMITS } from '@herald/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import { keepRawJsonBodies } from '../http/body-parsers.js';
import type { Store } from '../store/index.js';
import type { IngestRoute } from '../store/schema.js';
import type { RateLimiter } from './rate-limit.js';
import { checkBatch, checkSingle } from './requests.js';

export interface TrackingOptions {
  store: Store;
  writeKeys: WriteKeyResolver;
  /** The per-workspace request limit of this node. */
  limiter: RateLimiter;
}

const SINGLE_CALLS: CallType[] = ['identify', 'track', 'page', 'screen', 'group', 'alias'];
/**
 * analytics-next and its Customer.io fork post each call to `<apiHost>/<first letter of its
 * type>` and batches to `<apiHost>/b` (plugins/segmentio and plugins/customerio in their
 * sources): the same endpoints under those names.
 */
const shortPath = (route: IngestRoute) => `/${route.charAt(0)}`;
const OK = { success: true } as const;

/**
 * The Segment-compatible tracking API under `/v1`. A request is checked whole (a 400 stores
 * nothing of it), then appended as received to the ingest log; the 200 is sent once that append
 * is committed, so the SDK may forget the calls. The ingest processor turns logged requests into
 * events shortly after (see processor.ts).
 */
export const trackingRoutes: FastifyPluginAsync<TrackingOptions> = async (app, options) => {
  const { store, writeKeys, limiter } = options;
  keepRawJsonBodies(app);

  // Any site may send events with its (public) write key; no cookies are involved.
  await app.register(cors, {
    origin: '*',
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    // The SDK honours Retry-After on 429 and 503; cross-origin scripts see it only if exposed.
    exposedHeaders: ['Retry-After'],
    maxAge: 86_400,
  });

  const accept = async (
    request: FastifyRequest,
    workspaceId: string,
    route: IngestRoute,
    receivedAt: number,
    items: number,
  ) => {
    if (items === 0) return OK;
    await store.ingestLog.append({
      workspaceId,
      route,
      receivedAt,
      // Always set by our parser; serialising again is only a safety net.
      body: request.rawBody ?? JSON.stringify(request.body),
      ...(request.rawBytes && request.rawBody !== undefined ? { bytes: request.rawBytes } : {}),
      items,
    });
    return OK;
  };

  for (const type of SINGLE_CALLS) {
    const single = async (request: FastifyRequest) => {
      const workspaceId = await writeKeys.authenticate(request, request.body);
      limiter.take(workspaceId);
      // Clock-skew correction is relative to when the request was received, not processed.
      const receivedAt = Date.now();
      checkSingle(request.body, type);
      return accept(request, workspaceId, type, receivedAt, 1);
    };
    for (const path of [`/${type}`, shortPath(type)]) {
      app.post(path, { bodyLimit: TRACKING_LIMITS.maxCallBytes }, single);
    }
  }

  const batch = async (request: FastifyRequest) => {
    const workspaceId = await writeKeys.authenticate(request, request.body);
    limiter.take(workspaceId);
    const receivedAt = Date.now();
    return accept(request, workspaceId, 'batch', receivedAt, checkBatch(request.body));
  };
  for (const path of ['/batch', shortPath('batch')]) {
    app.post(path, { bodyLimit: TRACKING_LIMITS.maxBatchBytes }, batch);
  }
};
