import type { FastifyPluginAsync } from 'fastify';
import { authenticateAdmin } from '../accounts/authenticate.js';
import { AccountRepository } from '../accounts/repository.js';
import { accountRoutes } from '../accounts/routes.js';
import type { InApp } from '../inapp/index.js';
import type { Store } from '../store/index.js';
import { keyRoutes } from './keys.js';
import { messageRoutes } from './messages.js';
import { peopleSearchRoutes } from './people-search.js';
import { peopleRoutes } from './people.js';
import { workspaceRoutes } from './workspaces.js';

export interface AdminOptions {
  store: Store;
  masterKey: string;
  inApp: InApp;
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
    accounts,
  });
};

const protectedRoutes: FastifyPluginAsync<AdminOptions & { accounts: AccountRepository }> = async (
  app,
  options,
) => {
  app.addHook('onRequest', authenticateAdmin(options.accounts, options.masterKey));
  const onChange = (workspaceId: string) =>
    options.inApp.bus.publish({ kind: 'workspace', workspaceId });
  await app.register(workspaceRoutes, { store: options.store, onChange });
  await app.register(peopleRoutes, { store: options.store });
  await app.register(peopleSearchRoutes, { store: options.store });
  await app.register(keyRoutes, { store: options.store, onChange });
  await app.register(messageRoutes, { store: options.store, inApp: options.inApp });
};
