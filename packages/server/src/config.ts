import { resolve } from 'node:path';

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

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment is wrong; `main` prints every problem and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from `env`, collecting every problem before failing so that an
 * operator fixes them all in one go.
 *
 * @example
 * const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://localhost/herald' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const port = integer('PORT', 8080, 0, 65535);
  const ingestRateLimit = integer('HERALD_INGEST_RATE_LIMIT', 5000, 0, 10_000_000);
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  const dataDir = resolve(nonEmpty(env.HERALD_DATA_DIR) ?? './data');

  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must start with postgres:// or postgresql:// (unset it for SQLite)',
    );
  }

  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss:// (unset it for a single node)');
  }
  const databaseReplicaUrl = nonEmpty(env.DATABASE_REPLICA_URL);
  if (databaseReplicaUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
      problems.push('DATABASE_REPLICA_URL must start with postgres:// or postgresql://');
    } else if (databaseUrl === undefined) {
      problems.push('DATABASE_REPLICA_URL needs DATABASE_URL: a replica of SQLite does not exist');
    }
  }
  const dbPoolSize = integer('HERALD_DB_POOL_SIZE', 10, 1, 1000);
  const eventRetentionDays = integer('HERALD_EVENT_RETENTION_DAYS', 0, 0, 36_500);
  const metricsToken = nonEmpty(env.HERALD_METRICS_TOKEN);
  if (metricsToken !== undefined && metricsToken.length < 16) {
    problems.push('HERALD_METRICS_TOKEN must be at least 16 characters long');
  }

  const masterKey = nonEmpty(env.HERALD_MASTER_KEY);
  if (masterKey !== undefined && masterKey.length < 16) {
    problems.push('HERALD_MASTER_KEY must be at least 16 characters long');
  }

  const rawLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(rawLevel)
    ? (rawLevel as LogLevel)
    : undefined;
  if (logLevel === undefined) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    masterKey,
    logLevel: logLevel ?? 'info',
    ingestRateLimit,
    redisUrl,
    databaseReplicaUrl,
    dbPoolSize,
    eventRetentionDays,
    metricsToken,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
