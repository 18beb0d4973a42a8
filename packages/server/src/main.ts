#!/usr/bin/env node
import { resolveMasterKey } from './auth/master-key.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openStore } from './store/index.js';

/** Starts Herald from the environment and stops it gracefully on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const master = resolveMasterKey(config.masterKey, config.dataDir);
  const app = await buildApp({
    store,
    masterKey: master.key,
    ingestRateLimit: config.ingestRateLimit,
    logger: { level: config.logLevel },
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      app.log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    app.log.info(`${signal}: finishing in-flight requests, then closing the database`);
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const url = await app.listen({ port: config.port, host: config.host });
  if (master.generated) {
    process.stdout.write(
      `\n  A master key for the admin API was generated and saved in ${config.dataDir}.\n` +
        `  It is shown only this once:\n\n    ${master.key}\n\n` +
        `  Use it as "Authorization: Bearer <key>", or set HERALD_MASTER_KEY.\n\n`,
    );
  }
  const database = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  app.log.info(`Herald is listening on ${url} (${database})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Herald failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
