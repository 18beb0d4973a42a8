import { resolve } from 'node:path';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Thrown when the environment is wrong; `main` prints every problem and exits. */
export class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
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
export function loadConfig(env = process.env) {
    const problems = [];
    const integer = (name, fallback, min, max) => {
        const raw = env[name];
        if (raw === undefined || raw.trim() === '')
            return fallback;
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
        problems.push('DATABASE_URL must start with postgres:// or postgresql:// (unset it for SQLite)');
    }
    const redisUrl = nonEmpty(env.REDIS_URL);
    if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
        problems.push('REDIS_URL must start with redis:// or rediss:// (unset it for a single node)');
    }
    const databaseReplicaUrl = nonEmpty(env.DATABASE_REPLICA_URL);
    if (databaseReplicaUrl !== undefined) {
        if (!/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
            problems.push('DATABASE_REPLICA_URL must start with postgres:// or postgresql://');
        }
        else if (databaseUrl === undefined) {
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
    const logLevel = LOG_LEVELS.includes(rawLevel)
        ? rawLevel
        : undefined;
    if (logLevel === undefined) {
        problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
    }
    if (problems.length > 0)
        throw new ConfigError(problems);
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
function nonEmpty(value) {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
//# sourceMappingURL=config.js.map