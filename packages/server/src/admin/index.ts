import type { FastifyPluginAsync } from 'fastify';
import { requireMasterKey } from '../auth/master-key.js';
import type { Store } from '../store/index.js';
import { peopleRoutes } from './people.js';
import { workspaceRoutes } from './workspaces.js';

export interface AdminOptions {
  store: Store;
  masterKey: string;
}

/** The admin API under `/api/v1`: JSON over HTTP, the master key as a bearer token. */
export const adminRoutes: FastifyPluginAsync<AdminOptions> = async (app, options) => {
  app.addHook('onRequest', async (request) => requireMasterKey(request, options.masterKey));
  await app.register(workspaceRoutes, { store: options.store });
  await app.register(peopleRoutes, { store: options.store });
};
