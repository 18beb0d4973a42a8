import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Cleanup } from './processes.js';

/** The master key every benchmark gives the Herald processes it starts. */
export const BENCH_MASTER_KEY = 'bench-master-key-0123456789';

/** The PostgreSQL server benchmarks create their databases on. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type AdminCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<T>;

/**
 * Calls the admin API of the Herald at `url` with the master key; throws on anything but 2xx,
 * so that a benchmark never measures a set-up that went wrong.
 *
 * @example
 * const admin = adminClient(herald.url);
 * const ws = await admin('POST', '/workspaces', { name: 'bench' });
 */
export function adminClient(url: string, masterKey = BENCH_MASTER_KEY): AdminCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${masterKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  };
}

/** A fresh database on the PostgreSQL server, dropped at cleanup (unless kept); answers its URL. */
export async function createPostgresDatabase(
  cleanup: Cleanup,
  prefix = 'herald_bench',
  keep = false,
): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  if (!keep) cleanup.onCleanup(() => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
