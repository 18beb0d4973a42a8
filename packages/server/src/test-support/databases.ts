import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import type { DatabaseOptions, DialectName } from '../store/index.js';

/**
 * Test databases on both dialects. SQLite gets a fresh temporary directory; PostgreSQL a fresh
 * database on the server named by HERALD_TEST_DATABASE_URL (default: the local `test` database),
 * dropped afterwards. Where no PostgreSQL answers, its suites skip with a one-line reason.
 */
export const TEST_POSTGRES_URL =
  process.env.HERALD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const postgresUnavailable: string | undefined = await probePostgres();

export interface TestDatabase {
  dialect: DialectName;
  options: DatabaseOptions;
  /** Removes the database and its files. */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { dialect, options: { dataDir }, drop: async () => removeDir() };
  }
  const name = `herald_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    options: { dataDir, databaseUrl: url.toString() },
    drop: async () => {
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      removeDir();
    },
  };
}

/**
 * Declares `body` once per dialect: `describe('store (sqlite)')` and `describe('store
 * (postgres)')`, the latter skipped with its reason when PostgreSQL is not reachable.
 *
 * @example
 * describeEachDialect('workspaces', (dialect) => {
 *   let database: TestDatabase;
 *   beforeAll(async () => (database = await createTestDatabase(dialect)));
 *   afterAll(() => database.drop());
 *   it('creates one', async () => { … });
 * });
 */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void): void {
  describe(`${title} (sqlite)`, () => body('sqlite'));
  if (postgresUnavailable) {
    describe.skip(`${title} (postgres): skipped, ${postgresUnavailable}`, () => body('postgres'));
  } else {
    describe(`${title} (postgres)`, () => body('postgres'));
  }
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function probePostgres(): Promise<string | undefined> {
  try {
    await withAdminClient((client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    const reason = `no PostgreSQL at ${TEST_POSTGRES_URL} (${(error as Error).message})`;
    if (process.env.HERALD_REQUIRE_POSTGRES) throw new Error(reason);
    return reason;
  }
}
