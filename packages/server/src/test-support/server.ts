import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.js';
import { openStore, type DialectName, type Store } from '../store/index.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const TEST_MASTER_KEY = 'test-master-key-0123456789';

/** A real Herald server on an ephemeral port over a fresh database, and helpers to call it. */
export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  database: TestDatabase;
  /** Calls the admin API with the master key; answers status and parsed JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  admin<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Creates a workspace through the admin API. */
  createWorkspace(name?: string, settings?: object): Promise<TestWorkspace>;
  /**
   * Posts a tracking call with the write key as the Basic-auth user. Once it is acknowledged,
   * waits until the ingest processor has applied it, as a visitor's next step would in practice:
   * in-app delivery does not wait on the processor. Admin reads wait on their own (tested with
   * plain fetch in tracking/processor.test.ts).
   */
  track(writeKey: string, path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface TestWorkspace {
  id: string;
  name: string;
  writeKey: string;
  secretKey: string;
}

export async function startTestServer(
  dialect: DialectName,
  options: Partial<Omit<AppOptions, 'store'>> = {},
): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const store = await openStore(database.options);
  const app = await buildApp({ store, masterKey: TEST_MASTER_KEY, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const server: TestServer = {
    url,
    app,
    store,
    database,
    async admin(method, path, body) {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_MASTER_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async createWorkspace(name = 'Test workspace', settings = {}) {
      const { status, body } = await server.admin('POST', '/workspaces', { name, ...settings });
      if (status !== 201) throw new Error(`workspace not created: ${JSON.stringify(body)}`);
      return body as TestWorkspace;
    },
    async track(writeKey, path, body) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      if (response.ok) await app.ingest.settled();
      return response;
    },
    async close() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
  return server;
}

/**
 * Starts a test server before the suite's tests and stops it after; returns a getter.
 *
 * @example
 * const server = useTestServer(dialect);
 * it('answers', async () => { const ws = await server().createWorkspace(); });
 */
export function useTestServer(
  dialect: DialectName,
  options: Partial<Omit<AppOptions, 'store'>> = {},
): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(dialect, options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('test server not started');
    return server;
  };
}
