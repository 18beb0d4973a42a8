import type { FastifyPluginAsync } from 'fastify';
import { HeraldError, invalid } from '../errors.js';
import type { ChangeBus } from '../inapp/bus.js';
import type { Store } from '../store/index.js';
import { decodeCursor, type Person, type Subject } from '../store/people.js';
import type { ReadYourWrites } from '../tracking/processor.js';
import { findWorkspace } from './workspaces.js';

const idParam = { type: 'string', minLength: 1, maxLength: 1024 } as const;

const activityQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    before: { type: 'string', maxLength: 200 },
  },
} as const;

interface ActivityQuery {
  limit: number;
  before?: string;
}

/**
 * People and their activity: `/workspaces/:ws/people/:userId` for a person (by any of their
 * userIds), `/workspaces/:ws/anonymous/:anonymousId` for an anonymous visitor.
 */
export const peopleRoutes: FastifyPluginAsync<{
  store: Store;
  ingest: ReadYourWrites;
  bus: ChangeBus;
}> = async (app, { store, ingest, bus }) => {
  // Every route here reads (or erases) what ingestion wrote: first let this node's acknowledged
  // events land, so a call tracked then read is seen, and an erased person is not revived.
  app.addHook('preHandler', async () => {
    await ingest.settled();
  });

  const personParams = {
    type: 'object',
    required: ['ws', 'userId'],
    properties: { ws: idParam, userId: idParam },
  } as const;
  const anonymousParams = {
    type: 'object',
    required: ['ws', 'anonymousId'],
    properties: { ws: idParam, anonymousId: idParam },
  } as const;

  const findPerson = async (ws: string, userId: string) => {
    await findWorkspace(store, ws);
    const profileId = await store.people.profileIdOf(ws, 'user', userId);
    const person = profileId ? await store.people.get(ws, profileId) : undefined;
    if (!profileId || !person) {
      throw new HeraldError('not_found', `No person with userId ${userId}`, 'userId');
    }
    return { profileId, person };
  };

  const activity = (ws: string, subject: Subject, query: ActivityQuery) => {
    if (query.before !== undefined && !decodeCursor(query.before)) {
      throw invalid('before', 'is not a cursor this API returned');
    }
    return store.people.activity(ws, subject, query);
  };

  app.get<{ Params: { ws: string; userId: string } }>(
    '/workspaces/:ws/people/:userId',
    { schema: { params: personParams } },
    async (request) => {
      const { person } = await findPerson(request.params.ws, request.params.userId);
      return personJson(person);
    },
  );

  app.get<{ Params: { ws: string; userId: string }; Querystring: ActivityQuery }>(
    '/workspaces/:ws/people/:userId/activity',
    { schema: { params: personParams, querystring: activityQuery } },
    async (request) => {
      const { profileId } = await findPerson(request.params.ws, request.params.userId);
      return activity(request.params.ws, { profileId }, request.query);
    },
  );

  app.delete<{ Params: { ws: string; userId: string } }>(
    '/workspaces/:ws/people/:userId',
    { schema: { params: personParams } },
    async (request) => {
      const { profileId, person } = await findPerson(request.params.ws, request.params.userId);
      const erased = await store.people.erase(request.params.ws, profileId);
      // Open pages and cached answers of theirs hold messages queued for them: drop them.
      for (const visitor of erased.visitors) {
        bus.publish({ kind: 'visitor', workspaceId: request.params.ws, visitor });
      }
      return { deleted: true, userId: person.userId, events: erased.events };
    },
  );

  app.get<{ Params: { ws: string; anonymousId: string } }>(
    '/workspaces/:ws/anonymous/:anonymousId',
    { schema: { params: anonymousParams } },
    async (request) => {
      const { ws, anonymousId } = request.params;
      await findWorkspace(store, ws);
      const profileId = await store.people.profileIdOf(ws, 'anonymous', anonymousId);
      const person = profileId ? await store.people.get(ws, profileId) : undefined;
      return { anonymousId, userId: person?.userId ?? null };
    },
  );

  app.get<{ Params: { ws: string; anonymousId: string }; Querystring: ActivityQuery }>(
    '/workspaces/:ws/anonymous/:anonymousId/activity',
    { schema: { params: anonymousParams, querystring: activityQuery } },
    async (request) => {
      const { ws, anonymousId } = request.params;
      await findWorkspace(store, ws);
      return activity(ws, { anonymousId }, request.query);
    },
  );
};

function personJson(person: Person) {
  return {
    userId: person.userId,
    aliases: person.aliases,
    email: person.email,
    traits: person.traits,
    anonymousIds: person.anonymousIds,
    createdAt: new Date(person.createdAt).toISOString(),
    updatedAt: new Date(person.updatedAt).toISOString(),
    lastSeenAt: new Date(person.lastSeenAt).toISOString(),
  };
}
