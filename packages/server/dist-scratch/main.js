#!/usr/bin/env node
import { hostname } from 'node:os';
import { resolveMasterKey } from './auth/master-key.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo/seed.js';
import { RedisBus } from './inapp/redis-bus.js';
import { openDatabase } from './store/database.js';
import { Maintenance } from './store/maintenance.js';
import { openStore } from './store/index.js';
/**
 * `herald` (or `herald start`) serves; `herald migrate` brings the database schema up to date
 * and exits, for deployments that migrate once before rolling out nodes (starting migrates too).
 */
async function main() {
    const command = process.argv[2] ?? 'start';
    if (command === 'migrate')
        return migrate(loadConfig());
    if (command !== 'start') {
        throw new ConfigError([
            `unknown command "${command}": use "herald" (start) or "herald migrate"`,
        ]);
    }
    return start(loadConfig());
}
async function migrate(config) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await database.close();
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
    process.stdout.write(database.migrated.length > 0
        ? `Applied ${database.migrated.length} migration(s) to ${where}: ${database.migrated.join(', ')}\n`
        : `The ${where} schema is up to date.\n`);
    process.exit(0);
}
/** Starts Herald from the environment and stops it gracefully on SIGTERM or SIGINT. */
async function start(config) {
    const store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        replicaUrl: config.databaseReplicaUrl,
        poolSize: config.dbPoolSize,
    });
    const master = resolveMasterKey(config.masterKey, config.dataDir);
    // The bus exists before the app and its logger: its warnings reach the log once there is one.
    const busLog = {};
    const bus = config.redisUrl
        ? await connectBus(config.redisUrl, store, { warn: (d, m) => busLog.to?.warn(d, m) })
        : undefined;
    const app = await buildApp({
        store,
        masterKey: master.key,
        ingestRateLimit: config.ingestRateLimit,
        logger: {
            level: config.logLevel,
            base: { pid: process.pid, hostname: hostname(), node: nodeName(bus) },
        },
        metrics: { token: config.metricsToken, processMetrics: true },
        ...(bus ? { bus } : {}),
    });
    busLog.to = app.log;
    const maintenance = new Maintenance(store.database, {
        retentionDays: config.eventRetentionDays,
        logger: app.log,
    });
    // A newcomer's first start gets a demo workspace whose messages show at /demo.
    if (await seedDemo(app, master.key))
        app.log.info('Created the "Demo" workspace: see /demo');
    let stopping = false;
    const stop = async (signal) => {
        if (stopping) {
            app.log.warn(`${signal} again: exiting without waiting`);
            process.exit(1);
        }
        stopping = true;
        app.log.info(`${signal}: draining (streams told to reconnect elsewhere, /readyz 503), finishing in-flight requests`);
        try {
            await maintenance.stop();
            await app.close();
            await bus?.close();
            await store.close();
            process.exit(0);
        }
        catch (error) {
            app.log.error({ err: error }, 'shutdown failed');
            process.exit(1);
        }
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    const url = await app.listen({ port: config.port, host: config.host });
    maintenance.start();
    if (master.generated) {
        process.stdout.write(`\n  A master key for the admin API was generated and saved in ${config.dataDir}.\n` +
            `  It is shown only this once:\n\n    ${master.key}\n\n` +
            `  Use it as "Authorization: Bearer <key>", or set HERALD_MASTER_KEY.\n\n`);
    }
    const database = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
    const cluster = bus ? ', cluster mode over Redis' : '';
    app.log.info(`Herald is listening on ${url} (${database}${cluster})`);
}
/**
 * The Redis bus. After Redis comes back from an outage, changes published meanwhile were lost:
 * every workspace is announced as changed on this node (caches reload, open streams refresh).
 */
async function connectBus(url, store, logger) {
    const bus = await RedisBus.connect(url, {
        logger,
        onResync: () => {
            store.workspaces.list().then((workspaces) => {
                for (const w of workspaces)
                    bus.deliverLocally({ kind: 'messages', workspaceId: w.id });
            }, () => {
                // The database is down too: caches expire within a minute on their own.
            });
        },
    });
    return bus;
}
function nodeName(bus) {
    return bus instanceof RedisBus ? bus.nodeId : undefined;
}
main().catch((error) => {
    if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
    }
    else {
        process.stderr.write(`Herald failed to start: ${error.stack ?? String(error)}\n`);
    }
    process.exit(1);
});
//# sourceMappingURL=main.js.map