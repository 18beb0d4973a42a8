import cors from '@fastify/cors';
import {
  IN_APP_LIMITS,
  IN_APP_REPORT_TYPES,
  type InAppReportType,
  isLocaleTag,
  type JsonObject,
  type Platform,
  PLATFORMS,
} from '@herald/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import { HeraldError, invalid } from '../errors.js';
import type { Store } from '../store/index.js';
import type { NewEvent } from '../store/schema.js';
import type { RateLimiter } from '../tracking/rate-limit.js';
import type { WorkspaceCatalogue } from './catalogue.js';
import type { DeliveryService } from './delivery.js';
import { verifyDelivery } from './delivery-id.js';
import type { InAppEventProperties } from './effects.js';
import type { StreamHub } from './stream.js';
import { type Visitor, visitorFrom } from './visitor.js';

export interface InAppRouteOptions {
  store: Store;
  writeKeys: WriteKeyResolver;
  delivery: DeliveryService;
  hub: StreamHub;
  limiter: RateLimiter;
}

type Claim = Record<string, unknown>;

/**
 * The SDK-facing in-app API under `/v1/in-app` (docs/protocol.md): the visitor's messages, a live
 * stream of hints, and the intake of what the visitor did with the messages.
 *
 * Reads take the write key and visitor in the query string, so that a browser sends them as
 * simple requests (no CORS preflight) and revalidates them with its own HTTP cache (ETag).
 */
export const inAppRoutes: FastifyPluginAsync<InAppRouteOptions> = async (app, options) => {
  const { store, writeKeys, delivery, hub, limiter } = options;
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['ETag', 'Retry-After'],
    maxAge: 86_400,
  });

  const resolve = async (
    request: FastifyRequest,
    claim: Claim,
  ): Promise<{ catalogue: WorkspaceCatalogue; visitor: Visitor }> => {
    const workspaceId = await writeKeys.authenticate(request, claim);
    limiter.take(`${workspaceId}:in-app`);
    const catalogue = await delivery.catalogue.get(workspaceId);
    if (!catalogue) throw new HeraldError('invalid_write_key');
    return { catalogue, visitor: visitorFrom(claim, catalogue.workspace) };
  };

  app.get('/messages', async (request, reply) => {
    const query = request.query as Claim;
    const { catalogue, visitor } = await resolve(request, query);
    const options = {
      anonymousInApp: flag(query.anonymousInApp),
      // When the SDK's session began (epoch ms): the per-session cap counts from there.
      sessionStartedAt: epochMs(query.sessionStartedAt),
      locale: localeOf(query.locale),
      platform: platformOf(query.platform),
    };
    // Every poll revalidates; an unchanged answer is a 304 decided from memory alone.
    reply.header('cache-control', 'private, no-cache');
    const asked = request.headers['if-none-match'];
    const known = delivery.currentEtag(catalogue, visitor, options);
    if (known !== undefined && asked === known) {
      return reply.header('etag', known).code(304).send();
    }
    const { json, etag } = await delivery.deliver(catalogue, visitor, options);
    reply.header('etag', etag);
    if (asked === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(json);
  });

  // No HEAD twin: a hijacked HEAD response never sends its headers, so the client would hang
  // and the stream stay open for good.
  app.get('/stream', { exposeHeadRoute: false }, async (request, reply) => {
    const { catalogue, visitor } = await resolve(request, request.query as Claim);
    reply.hijack();
    hub.open(reply.raw, catalogue.workspace.id, visitor.key);
  });

  app.post('/events', { bodyLimit: IN_APP_LIMITS.maxBodyBytes }, async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalid('body', 'must be an object with an "events" array');
    }
    const { catalogue, visitor } = await resolve(request, body as Claim);
    const events = (body as JsonObject).events;
    if (!Array.isArray(events) || events.length === 0) {
      throw invalid('events', 'must be a non-empty array');
    }
    if (events.length > IN_APP_LIMITS.maxEvents) {
      throw invalid('events', `must hold at most ${IN_APP_LIMITS.maxEvents} events`);
    }
    const now = Date.now();
    const rows = events.map((input, i) =>
      toEventRow(input, `events.${i}`, catalogue.workspace.secretKey, visitor, now),
    );
    await store.events.write({ workspaceId: catalogue.workspace.id, events: rows });
    return { success: true };
  });
};

/** Validates one reported event and turns it into an activity-log row of type `inapp`. */
function toEventRow(
  input: unknown,
  field: string,
  secretKey: string,
  visitor: Visitor,
  now: number,
): Omit<NewEvent, 'workspace_id'> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid(field, 'must be an object');
  }
  const event = input as JsonObject;
  const id = text(event.id, `${field}.id`, 200);
  if (!id) throw invalid(`${field}.id`, 'is required');
  const kind = event.type as InAppReportType;
  if (!IN_APP_REPORT_TYPES.includes(kind)) {
    throw invalid(`${field}.type`, `must be one of ${IN_APP_REPORT_TYPES.join(', ')}`);
  }
  const deliveryId = text(event.deliveryId, `${field}.deliveryId`, 4096);
  const delivery = deliveryId ? verifyDelivery(secretKey, visitor.key, deliveryId) : undefined;
  if (!deliveryId || !delivery) {
    throw invalid(
      `${field}.deliveryId`,
      'is not a delivery ID this workspace issued to this visitor',
    );
  }
  const properties: InAppEventProperties = {
    kind,
    messageId: delivery.messageId,
    version: delivery.version,
    deliveryId,
    visitor: visitor.key,
  };
  if (delivery.queueId) properties.queueId = delivery.queueId;
  const optional = {
    actionName: 200,
    actionValue: 2000,
    step: 100,
    error: 2000,
    locale: 35,
  } as const;
  for (const [key, max] of Object.entries(optional) as Array<[keyof typeof optional, number]>) {
    const value = text(event[key], `${field}.${key}`, max);
    if (value !== undefined) properties[key] = value;
  }
  if (properties.locale !== undefined && !isLocaleTag(properties.locale)) {
    throw invalid(`${field}.locale`, 'must be a language tag such as de or pt-BR');
  }
  if (event.surface !== undefined && event.surface !== null) {
    if (event.surface !== 'inbox') throw invalid(`${field}.surface`, 'must be inbox when given');
    properties.surface = 'inbox';
  }
  if (kind === 'action' && !properties.actionName) {
    throw invalid(`${field}.actionName`, 'is required for action events');
  }
  let timestamp = now;
  if (event.timestamp !== undefined) {
    const parsed = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : NaN;
    if (!Number.isFinite(parsed)) throw invalid(`${field}.timestamp`, 'must be an ISO 8601 date');
    // A browser's clock may run ahead; an event never happens after we receive it.
    timestamp = Math.min(parsed, now);
  }
  return {
    message_id: `inapp:${id}`,
    type: 'inapp',
    name: `in-app:message-${kind}`,
    user_id: visitor.userId,
    anonymous_id: visitor.anonymousId,
    group_id: null,
    previous_id: null,
    properties: JSON.stringify(properties),
    traits: null,
    context: null,
    integrations: null,
    timestamp,
    original_timestamp: timestamp,
    sent_at: null,
    received_at: now,
  };
}

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  if (value.includes('\u0000')) throw invalid(field, 'must not contain NUL characters');
  return value;
}

/** The visitor's language, if they sent one: a malformed tag is a 400, not a silent default. */
function localeOf(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isLocaleTag(value)) throw invalid('locale', 'must be a language tag such as de or pt-BR');
  return value;
}

/** `web` (the default, as the web SDK never says) or `mobile`; anything else is a 400. */
function platformOf(value: unknown): Platform | undefined {
  if (value === undefined || value === '') return undefined;
  if (!PLATFORMS.includes(value as Platform)) {
    throw invalid('platform', `must be one of ${PLATFORMS.join(', ')}`);
  }
  return value as Platform;
}

function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function flag(value: unknown): boolean {
  return value === 'true' || value === '1' || value === true;
}
