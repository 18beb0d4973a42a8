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
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/h',
      databaseUrl: 'postgres://db/herald',
      masterKey: 'a-long-enough-master-key',
      logLevel: 'warn',
      ingestRateLimit: 0,
    });
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
