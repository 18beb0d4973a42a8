import type { FastifyPluginAsync } from 'fastify';
import { parseSegmentDefinition } from '../campaigns/definitions.js';
import { invalid } from '../errors.js';
import { object, text } from '../http/fields.js';
import { CampaignRepository } from '../campaigns/repository.js';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import { decodeCursor } from '../store/people.js';
import type { ReadYourWrites } from '../tracking/processor.js';
import { findWorkspace } from './workspaces.js';

type Params = { ws: string; id: string };

const membersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    before: { type: 'string', maxLength: 200 },
  },
} as const;

interface MembersQuery {
  limit: number;
  before?: string;
}

/**
 * Segments under `/workspaces/:ws/segments`: conditions on traits and events in AND/OR groups.
 * Membership is built by a job when a segment is created or its conditions change, then kept up
 * to date as calls arrive; `members` is a live count, and `…/members` lists them newest first, a
 * page at a time (`limit`, and `before`: the `next` of the page before).
 */
export const segmentRoutes: FastifyPluginAsync<{
  store: Store;
  inApp: InApp;
  ingest: ReadYourWrites;
}> = async (app, { store, inApp, ingest }) => {
  const repository = new CampaignRepository(store.database.db);
  // Segments feed the ingest path's rules cache on every node.
  const changed = (workspaceId: string) => {
    inApp.bus.publish({ kind: 'messages', workspaceId });
    app.jobs.wake();
  };

  app.post<{ Params: { ws: string } }>('/workspaces/:ws/segments', async (request, reply) => {
    await findWorkspace(store, request.params.ws);
    const body = object(request.body ?? {}, 'body');
    const segment = await repository.createSegment(
      request.params.ws,
      text(body.name, 'name', 200),
      parseSegmentDefinition(body.conditions),
    );
    changed(request.params.ws);
    return reply.status(201).send(segment);
  });

  app.get<{ Params: { ws: string } }>('/workspaces/:ws/segments', async (request) => {
    await findWorkspace(store, request.params.ws);
    await ingest.settled();
    return { data: await repository.segments(request.params.ws) };
  });

  app.get<{ Params: Params }>('/workspaces/:ws/segments/:id', async (request) => {
    await findWorkspace(store, request.params.ws);
    await ingest.settled();
    return repository.requireSegment(request.params.ws, request.params.id);
  });

  app.get<{ Params: Params; Querystring: MembersQuery }>(
    '/workspaces/:ws/segments/:id/members',
    { schema: { querystring: membersQuery } },
    async (request) => {
      const { ws, id } = request.params;
      const { limit, before } = request.query;
      await findWorkspace(store, ws);
      await repository.requireSegment(ws, id);
      if (before !== undefined && !decodeCursor(before, 'text')) {
        throw invalid('before', 'is not a cursor this API returned');
      }
      await ingest.settled();
      return repository.members(ws, id, { limit, before });
    },
  );

  app.patch<{ Params: Params }>('/workspaces/:ws/segments/:id', async (request) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    const body = object(request.body ?? {}, 'body');
    const segment = await repository.updateSegment(ws, id, {
      ...(body.name === undefined ? {} : { name: text(body.name, 'name', 200) }),
      ...(body.conditions === undefined
        ? {}
        : { conditions: parseSegmentDefinition(body.conditions) }),
    });
    changed(ws);
    return segment;
  });

  app.delete<{ Params: Params }>('/workspaces/:ws/segments/:id', async (request) => {
    const { ws, id } = request.params;
    await findWorkspace(store, ws);
    await repository.deleteSegment(ws, id);
    changed(ws);
    return { deleted: true, id };
  });
};
