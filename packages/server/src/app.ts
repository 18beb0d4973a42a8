import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { registerApiDocs } from './admin/docs.js';
import { compatSettingsRoutes } from './compat/settings.js';
import { adminRoutes } from './admin/index.js';
import { WriteKeyResolver } from './auth/write-key.js';
import { startCampaigns } from './campaigns/index.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { demoRoutes } from './demo/routes.js';
import { installBodyParsers } from './http/body-parsers.js';
import {
  answerClientError,
  answerFrameworkError,
  installErrorHandler,
} from './http/error-handler.js';
import { type ChangeBus, LocalBus } from './inapp/bus.js';
import { healthRoutes } from './http/health.js';
import { installMetrics } from './http/metrics.js';
import { createInApp } from './inapp/index.js';
import { RedisBus } from './inapp/redis-bus.js';
import { inAppRoutes } from './inapp/routes.js';
import { sdkRoutes } from './sdk/routes.js';
import type { Store } from './store/index.js';
import { IngestProcessor } from './tracking/processor.js';
import { RateLimiter } from './tracking/rate-limit.js';
import { trackingRoutes } from './tracking/routes.js';

export interface AppOptions {
  store: Store;
  masterKey: string;
  /** Tracking requests per second per workspace on this node; 0 = no limit. Default 5,000. */
  ingestRateLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /** Carries changes between nodes (Redis); in-process by default. */
  bus?: ChangeBus;
  /**
   * On close, how long the ingest processor keeps draining the log before it stops; what is left
   * stays in the log for the next start. Default 10 s.
   */
  shutdownDrainMs?: number;
  /** `/metrics`: its bearer token (unset: open), and whether to add Node's process metrics. */
  metrics?: { token?: string | undefined; processMetrics?: boolean };
}

/**
 * Builds the Herald HTTP app on an open store. It does not listen: `main.ts` does, and tests
 * listen on an ephemeral port.
 *
 * @example
 * const app = await buildApp({ store: await openStore({ dataDir }), masterKey });
 * await app.listen({ port: 8080 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    // Keep-alive connections that sit idle must not hold a graceful shutdown open.
    forceCloseConnections: 'idle',
    // The errors the catalogue names are what clients see, Fastify's own included.
    return503OnClosing: true,
    routerOptions: { maxParamLength: 1024 },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  installErrorHandler(app);
  installBodyParsers(app);
  closeConnectionsWhenClosing(app);

  const { store } = options;
  const bus = options.bus ?? new LocalBus();
  const inApp = createInApp(store, bus);
  startCampaigns(app, store, bus);
  let draining = false;
  // Open event streams end first, or the server would wait for them forever.
  app.addHook('preClose', (done) => {
    draining = true;
    inApp.close();
    done();
  });
  // After createInApp: its effects join the pipeline the processor applies.
  const ingest = new IngestProcessor(store, { logger: app.log });
  ingest.start();
  // onClose runs once in-flight requests are answered, so every acknowledged append is in.
  app.addHook('onClose', async () => {
    await ingest.stop({ drainMs: options.shutdownDrainMs ?? 10_000 });
  });
  app.decorate('ingest', ingest);
  const writeKeys = new WriteKeyResolver(store.workspaces);
  // A key rotated on any node stops working on every node at once, not after the cache's TTL.
  const forgetKeys = bus.subscribe((change) => {
    if (change.kind === 'workspace') writeKeys.forget(change.workspaceId);
  });
  app.addHook('onClose', async () => forgetKeys());
  const limiter = new RateLimiter(options.ingestRateLimit ?? 5000);

  const pingBus = busPing(bus);
  healthRoutes(app, { store, pingBus, draining: () => draining });
  installMetrics(app, {
    hub: inApp.hub,
    ingest,
    token: options.metrics?.token,
    processMetrics: options.metrics?.processMetrics ?? false,
    busCounts: busCounts(bus),
  });
  await app.register(trackingRoutes, { prefix: '/v1', store, writeKeys, limiter });
  await app.register(inAppRoutes, {
    prefix: '/v1/in-app',
    store,
    writeKeys,
    limiter,
    delivery: inApp.delivery,
    hub: inApp.hub,
  });
  await app.register(compatSettingsRoutes, {
    prefix: '/v1',
    writeKeys,
    catalogue: inApp.catalogue,
  });
  await registerApiDocs(app);
  await app.register(adminRoutes, {
    prefix: '/api/v1',
    store,
    masterKey: options.masterKey,
    inApp,
    ingest,
  });
  await app.register(sdkRoutes);
  await app.register(dashboardRoutes);
  await app.register(demoRoutes, { store });
  return app;
}

/** Redis's PING, when the bus is one that crosses nodes. */
function busPing(bus: ChangeBus): (() => Promise<void>) | undefined {
  return bus instanceof RedisBus ? () => bus.ping() : undefined;
}

function busCounts(bus: ChangeBus) {
  return bus instanceof RedisBus ? () => bus.counts : undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The ingest processor: settled() for read-your-writes, lag() for metrics. */
    ingest: IngestProcessor;
  }
}

/**
 * During a graceful shutdown, requests already in flight still get their answer, but a keep-alive
 * connection must not outlive it: otherwise `close()` waits for clients to hang up.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
