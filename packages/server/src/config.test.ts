import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded SQLite on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      HERALD_DATA_DIR: '/tmp/h',
      DATABASE_URL: 'postgres://db/herald',
      HERALD_MASTER_KEY: 'a-long-enough-master-key',
      LOG_LEVEL: 'warn',
      HERALD_INGEST_RATE_LIMIT: '0',
      REDIS_URL: 'redis://cache:6379/0',
      DATABASE_REPLICA_URL: 'postgresql://replica/herald',
      HERALD_DB_POOL_SIZE: '25',
      HERALD_EVENT_RETENTION_DAYS: '90',
      HERALD_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/h',
      databaseUrl: 'postgres://db/herald',
      masterKey: 'a-long-enough-master-key',
      logLevel: 'warn',
      ingestRateLimit: 0,
      redisUrl: 'redis://cache:6379/0',
      databaseReplicaUrl: 'postgresql://replica/herald',
      dbPoolSize: 25,
      eventRetentionDays: 90,
      metricsToken: 'a-long-enough-scrape-token',
    });
  });

  it('defaults the scale-out settings to a single node that keeps everything', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: undefined,
      databaseReplicaUrl: undefined,
      dbPoolSize: 10,
      eventRetentionDays: 0,
      metricsToken: undefined,
    });
  });

  it('refuses scale-out settings that cannot work, saying why', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        REDIS_URL: 'localhost:6379',
        DATABASE_REPLICA_URL: 'postgres://replica/herald',
        HERALD_DB_POOL_SIZE: '0',
        HERALD_EVENT_RETENTION_DAYS: '-1',
        HERALD_METRICS_TOKEN: 'short',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'REDIS_URL must start with redis:// or rediss:// (unset it for a single node)',
      'DATABASE_REPLICA_URL needs DATABASE_URL: a replica of SQLite does not exist',
      'HERALD_DB_POOL_SIZE must be a whole number from 1 to 1000, got "0"',
      'HERALD_EVENT_RETENTION_DAYS must be a whole number from 0 to 36500, got "-1"',
      'HERALD_METRICS_TOKEN must be at least 16 characters long',
    ]);
  });

  it('reports every problem at once, naming the variable', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        HERALD_MASTER_KEY: 'short',
        LOG_LEVEL: 'loud',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT.*HERALD_MASTER_KEY|PORT[\s\S]*DATABASE_URL/);
      expect(problems.some((p) => p.startsWith('LOG_LEVEL must be one of'))).toBe(true);
    }
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: ' ', DATABASE_URL: '' }).port).toBe(8080);
  });
});
