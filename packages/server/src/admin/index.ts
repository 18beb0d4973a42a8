import type { FastifyPluginAsync } from 'fastify';
import { authenticateAdmin } from '../accounts/authenticate.js';
import { AccountRepository } from '../accounts/repository.js';
import { invalid } from '../errors.js';
import { accountRoutes } from '../accounts/routes.js';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import type { ReadYourWrites } from '../tracking/processor.js';
import { broadcastRoutes } from './broadcasts.js';
import { campaignRoutes } from './campaigns.js';
import { keyRoutes } from './keys.js';
import { segmentRoutes } from './segments.js';
import { messageRoutes } from './messages.js';
import { peopleSearchRoutes } from './people-search.js';
import { peopleRoutes } from './people.js';
import { workspaceRoutes } from './workspaces.js';

export interface AdminOptions {
  store: Store;
  masterKey: string;
  inApp: InApp;
  /** Reads of ingested data wait on it, to see every event acknowledged before them. */
  ingest: ReadYourWrites;
}

/**
 * The admin API under `/api/v1`: JSON over HTTP, for scripts with the master key as a bearer
 * token, for the dashboard with a session cookie. Sign-in and setup answer without credentials.
 */
export const adminRoutes: FastifyPluginAsync<AdminOptions> = async (app, options) => {
  const accounts = new AccountRepository(options.store.database.db);
  await app.register(accountRoutes, { accounts });
  // Not `...options`: that would pass the `/api/v1` prefix on again.
  await app.register(protectedRoutes, {
    store: options.store,
    masterKey: options.masterKey,
    inApp: options.inApp,
    ingest: options.ingest,
    accounts,
  });
};

const protectedRoutes: FastifyPluginAsync<AdminOptions & { accounts: AccountRepository }> = async (
  app,
  options,
) => {
  app.addHook('onRequest', authenticateAdmin(options.accounts, options.masterKey));
  // PostgreSQL text cannot hold NUL: a path parameter with one is refused here, on every route,
  // rather than failing in a query (a 500) on one dialect only.
  app.addHook('preHandler', async (request) => {
    const params = (request.params ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && value.includes('\u0000')) {
        throw invalid(name, 'must not contain NUL characters');
      }
    }
  });
  const onChange = (workspaceId: string) =>
    options.inApp.bus.publish({ kind: 'workspace', workspaceId });
  await app.register(workspaceRoutes, { store: options.store, onChange });
  const { store, ingest } = options;
  await app.register(peopleRoutes, { store, ingest, bus: options.inApp.bus });
  await app.register(peopleSearchRoutes, { store, ingest });
  await app.register(keyRoutes, { store: options.store, onChange });
  await app.register(messageRoutes, { store, inApp: options.inApp, ingest });
  await app.register(segmentRoutes, { store, inApp: options.inApp, ingest });
  await app.register(broadcastRoutes, { store, inApp: options.inApp });
  await app.register(campaignRoutes, { store, inApp: options.inApp });
};
