import type { FastifyPluginAsync } from 'fastify';
import { HeraldError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { Workspace, WorkspacePatch } from '../store/workspaces.js';

const inAppSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    anonymous: { type: 'boolean' },
    caps: {
      type: 'object',
      additionalProperties: false,
      properties: {
        perSession: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
        perDay: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
      },
    },
  },
} as const;

const nameSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const workspaceParams = {
  type: 'object',
  required: ['ws'],
  properties: { ws: { type: 'string', maxLength: 64 } },
} as const;

/** Loads the `:ws` workspace or answers 404. */
export async function findWorkspace(store: Store, id: string): Promise<Workspace> {
  const workspace = await store.workspaces.get(id);
  if (!workspace) throw new HeraldError('not_found', `Workspace ${id} not found`, 'ws');
  return workspace;
}

export interface WorkspaceRouteOptions {
  store: Store;
  /** Called after a workspace's settings change, so that caches and open pages learn of it. */
  onChange: (workspaceId: string) => void;
}

/** Workspaces: create, list, read, change settings. */
export const workspaceRoutes: FastifyPluginAsync<WorkspaceRouteOptions> = async (
  app,
  { store, onChange },
) => {
  app.post<{
    Body: {
      name: string;
      inApp?: WorkspacePatch['inApp'];
      identityVerification?: boolean;
    };
  }>(
    '/workspaces',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: nameSchema,
            inApp: inAppSchema,
            identityVerification: { type: 'boolean' },
          },
        },
      },
    },
    async (request, reply) => {
      const { name, ...settings } = request.body;
      const workspace = await store.workspaces.create(name.trim() || name, settings);
      return reply.status(201).send(toJson(workspace));
    },
  );

  app.get('/workspaces', async () => ({
    data: (await store.workspaces.list()).map(toJson),
  }));

  app.get<{ Params: { ws: string } }>(
    '/workspaces/:ws',
    { schema: { params: workspaceParams } },
    async (request) => toJson(await findWorkspace(store, request.params.ws)),
  );

  app.patch<{
    Params: { ws: string };
    Body: {
      name?: string;
      inApp?: WorkspacePatch['inApp'];
      identityVerification?: boolean;
    };
  }>(
    '/workspaces/:ws',
    {
      schema: {
        params: workspaceParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: nameSchema,
            inApp: inAppSchema,
            identityVerification: { type: 'boolean' },
          },
        },
      },
    },
    async (request) => {
      await findWorkspace(store, request.params.ws);
      const updated = await store.workspaces.update(request.params.ws, request.body);
      onChange(request.params.ws);
      return toJson(updated!);
    },
  );
};

function toJson(workspace: Workspace) {
  return {
    id: workspace.id,
    name: workspace.name,
    writeKey: workspace.writeKey,
    secretKey: workspace.secretKey,
    inApp: workspace.inApp,
    identityVerification: workspace.identityVerification,
    createdAt: new Date(workspace.createdAt).toISOString(),
    updatedAt: new Date(workspace.updatedAt).toISOString(),
  };
}
