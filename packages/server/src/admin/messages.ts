import { isTranslated, type MessageDefinition, type MessageStatus } from '@herald/protocol';
import { CampaignRepository } from '../campaigns/repository.js';
import type { FastifyPluginAsync } from 'fastify';
import { HeraldError, invalid } from '../errors.js';
import type { InApp } from '../inapp/index.js';
import { parseDefinition } from '../inapp/definition.js';
import { experimentFigures } from '../inapp/experiment-figures.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../store/messages.js';
import type { Interval } from '../store/metrics.js';
import { personKeys } from '../store/person-merge.js';
import type { ReadYourWrites } from '../tracking/processor.js';
import { findWorkspace } from './workspaces.js';

type Params = { ws: string; id: string };
type Fields = Record<string, unknown>;

const STATUSES: MessageStatus[] = ['draft', 'active', 'paused', 'archived'];
const TEST_TTL_MS = 24 * 3_600_000;

/**
 * Messages under `/workspaces/:ws/messages`: create, read, edit, delete, the lifecycle (launch,
 * pause, archive), a test send to one person, and the figures. Every change is announced on the
 * bus, so open pages on every node learn of a launch at once.
 */
export const messageRoutes: FastifyPluginAsync<{
  store: Store;
  inApp: InApp;
  ingest: ReadYourWrites;
}> = async (app, { store, inApp, ingest }) => {
  const changed = (workspaceId: string) => inApp.bus.publish({ kind: 'messages', workspaceId });

  app.post<{ Params: { ws: string } }>('/workspaces/:ws/messages', async (request, reply) => {
    await findWorkspace(store, request.params.ws);
    const definition = parseDefinition(request.body);
    await segmentsExist(store, request.params.ws, definition);
    const message = await store.messages.create(request.params.ws, definition);
    return reply.status(201).send(message);
  });

  app.get<{ Params: { ws: string }; Querystring: { status?: string } }>(
    '/workspaces/:ws/messages',
    async (request) => {
      await findWorkspace(store, request.params.ws);
      const status = request.query.status;
      if (status !== undefined && !STATUSES.includes(status as MessageStatus)) {
        throw invalid('status', `must be one of ${STATUSES.join(', ')}`);
      }
      const [messages, totals] = await Promise.all([
        store.messages.list(request.params.ws, status as MessageStatus | undefined),
        store.metrics.totals(request.params.ws),
      ]);
      return {
        data: messages.map((m) => ({
          ...m,
          stats: totals.get(m.id) ?? { views: 0, clicks: 0, conversions: 0 },
        })),
      };
    },
  );

  app.get<{ Params: Params }>('/workspaces/:ws/messages/:id', async (request) => {
    await findWorkspace(store, request.params.ws);
    return store.messages.require(request.params.ws, request.params.id);
  });

  app.patch<{ Params: Params }>('/workspaces/:ws/messages/:id', async (request) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    const current = await store.messages.require(ws, id);
    const { newVersion, ...fields } = object(request.body);
    if (newVersion !== undefined && typeof newVersion !== 'boolean') {
      throw invalid('newVersion', 'must be true or false');
    }
    const definition = parseDefinition(fields, current);
    await segmentsExist(store, ws, definition);
    const message = await store.messages.update(ws, id, definition, {
      newVersion: newVersion === true,
    });
    if (message.status === 'active') changed(ws);
    return message;
  });

  app.delete<{ Params: Params }>('/workspaces/:ws/messages/:id', async (request) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    await store.messages.delete(ws, id);
    return { deleted: true, id };
  });

  for (const transition of ['launch', 'pause', 'archive'] as Transition[]) {
    app.post<{ Params: Params }>(`/workspaces/:ws/messages/:id/${transition}`, async (request) => {
      const { ws, id } = request.params;
      await findWorkspace(store, ws);
      const message = await store.messages.transition(ws, id, transition);
      changed(ws);
      return message;
    });
  }

  app.post<{ Params: Params }>('/workspaces/:ws/messages/:id/test', async (request, reply) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    const message = await store.messages.require(ws, id);
    if (message.status === 'archived') {
      throw new HeraldError('invalid_transition', 'An archived message cannot be sent');
    }
    // The person is found by userId or email, from ingested calls: see every one acknowledged.
    await ingest.settled();
    const target = await testTarget(store, ws, object(request.body));
    const entry = await store.messageStates.enqueue(ws, id, target.visitor, 'test', TEST_TTL_MS);
    // Pages open under any userId of the person show it (store/person-merge.ts, personKeys).
    for (const visitor of await personKeys(store.database.db, ws, [target.visitor])) {
      inApp.bus.publish({ kind: 'visitor', workspaceId: ws, visitor });
    }
    return reply.status(202).send({
      queued: true,
      messageId: id,
      ...target.who,
      expiresAt: new Date(entry.expiresAt).toISOString(),
    });
  });

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(
    '/workspaces/:ws/messages/:id/metrics',
    async (request) => {
      const { ws, id } = request.params;
      // Conversions follow from ingested calls: count every one acknowledged before this read.
      await ingest.settled();
      await findWorkspace(store, ws);
      const message = await store.messages.require(ws, id);
      const now = Date.now();
      const from = instant(request.query.from, 'from') ?? Date.parse(message.createdAt);
      const to = instant(request.query.to, 'to') ?? now + 1;
      if (to <= from) throw invalid('to', 'must be after from');
      const interval = (request.query.interval ??
        (to - from > 3 * 86_400_000 ? 'day' : 'hour')) as Interval;
      if (interval !== 'hour' && interval !== 'day')
        throw invalid('interval', 'must be hour or day');
      const metrics = await store.metrics.forMessage(id, { from, to, interval });
      if (!message.experiment && !isTranslated(message)) return metrics;
      // Per variant and language: since the message began (splits keep no time axis).
      const splits = await store.splits.of(id);
      return {
        ...metrics,
        ...(message.experiment
          ? { experiment: experimentFigures(message.experiment, splits) }
          : {}),
        locales: Object.fromEntries(
          [...splits.byLocale].map(([locale, figures]) => [locale || 'default', figures]),
        ),
      };
    },
  );

  app.post<{ Params: Params }>('/workspaces/:ws/messages/:id/winner', async (request) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    const { variant } = object(request.body);
    if (typeof variant !== 'string') throw invalid('variant', 'must be the key of a variant');
    const message = await store.messages.declareWinner(ws, id, variant);
    changed(ws);
    return message;
  });
};

/** Who a test send goes to: a userId, the person with an email, or an anonymous visitor. */
async function testTarget(store: Store, workspaceId: string, body: Fields) {
  const given = (['userId', 'email', 'anonymousId'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1)
    throw invalid('userId', 'or email or anonymousId is required (one of them)');
  const key = given[0]!;
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 1024) {
    throw invalid(key, 'must be a non-empty string');
  }
  if (key === 'anonymousId') return { visitor: `a:${value}`, who: { anonymousId: value } };
  if (key === 'userId') return { visitor: `u:${value}`, who: { userId: value } };
  const userId = await store.people.userIdByEmail(workspaceId, value);
  if (!userId) throw new HeraldError('not_found', `Nobody has the email ${value}`, 'email');
  return { visitor: `u:${userId}`, who: { userId, email: value } };
}

/** `audience.segment` and `goal.segment` must name segments of the workspace. */
async function segmentsExist(store: Store, workspaceId: string, definition: MessageDefinition) {
  const repository = new CampaignRepository(store.database.db);
  for (const [field, id] of [
    ['audience.segment', definition.audience.segment],
    ['goal.segment.id', definition.goal.segment?.id],
  ] as const) {
    if (id && !(await repository.segment(workspaceId, id))) {
      throw new HeraldError('not_found', `Segment ${id} not found`, field);
    }
  }
}

function object(body: unknown): Fields {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'must be an object');
  return body as Fields;
}

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(field, 'must be an ISO 8601 date');
  return ms;
}
