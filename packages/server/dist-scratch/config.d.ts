/** Everything the server reads from its environment, validated once at start. */
export interface Config {
    port: number;
    host: string;
    /** Where SQLite data and the generated master key live. */
    dataDir: string;
    /** `postgres://…` selects PostgreSQL; unset means embedded SQLite in `dataDir`. */
    databaseUrl: string | undefined;
    /** Bearer token with full admin rights; generated into `dataDir` when unset. */
    masterKey: string | undefined;
    logLevel: LogLevel;
    /** Tracking requests a workspace may make per second on one node (burst: twice that); 0 = off. */
    ingestRateLimit: number;
    /** `redis://…` turns on cluster mode: changes reach every node over Redis pub/sub. */
    redisUrl: string | undefined;
    /** A PostgreSQL read replica for reads that may lag a little (figures); needs `databaseUrl`. */
    databaseReplicaUrl: string | undefined;
    /** Connections in this node's PostgreSQL pool (and again in the replica's). */
    dbPoolSize: number;
    /** Days events are kept; 0 keeps them forever. */
    eventRetentionDays: number;
    /** When set, `/metrics` wants `Authorization: Bearer <token>`; otherwise it is open. */
    metricsToken: string | undefined;
}
export declare const LOG_LEVELS: readonly ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Thrown when the environment is wrong; `main` prints every problem and exits. */
export declare class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]);
}
/**
 * Reads the configuration from `env`, collecting every problem before failing so that an
 * operator fixes them all in one go.
 *
 * @example
 * const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://localhost/herald' });
 */
export declare function loadConfig(env?: NodeJS.ProcessEnv): Config;
//# sourceMappingURL=config.d.ts.map