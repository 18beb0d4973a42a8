import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { journalDirectory, readWaitingRecords } from '../store/ingest-journal/segments.js';
import type { TestDatabase } from './databases.js';

/** The built server, started as an operator starts it (`npm test` builds it first). */
export const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const serverBuilt = existsSync(SERVER_MAIN);

/** `HERALD_LONG_TESTS=1` lengthens the durability and fuzz suites well beyond what CI runs. */
export const LONG_TESTS = process.env.HERALD_LONG_TESTS === '1';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `node dist/main.js` on an ephemeral port over `database` and resolves once it listens.
 * Rejects with its output if it exits first.
 */
export function startServerProcess(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      HERALD_DATA_DIR: database.options.dataDir,
      ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /Herald is listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** Kills the process at once (no graceful shutdown) and waits until it is gone. */
export async function killServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
  }
  await server.exited;
}

/**
 * Reads a test database directly, from outside the server process, the same way on both
 * dialects: `query` takes SQL with `?` placeholders.
 */
export interface DirectReader {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Accepted tracking requests not applied yet (the ingest log: a table, or SQLite's journal). */
  waitingRequests(): Promise<number>;
  close(): Promise<void>;
}

export async function openDirectReader(database: TestDatabase): Promise<DirectReader> {
  if (database.options.databaseUrl) {
    const client = new pg.Client({ connectionString: database.options.databaseUrl });
    await client.connect();
    return {
      async query<T>(sql: string, params: unknown[] = []) {
        let n = 0;
        const text = sql.replace(/\?/g, () => `$${++n}`);
        return (await client.query(text, params)).rows as T[];
      },
      async waitingRequests() {
        const { rows } = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM ingest_log WHERE failed_at IS NULL',
        );
        return Number(rows[0]!.n);
      },
      close: () => client.end(),
    };
  }
  const db = new SqliteDatabase(join(database.options.dataDir, 'herald.db'), { readonly: true });
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async waitingRequests() {
      const { through } = db
        .prepare('SELECT applied_through AS through FROM ingest_journal')
        .get() as { through: number };
      return readWaitingRecords(journalDirectory(database.options.dataDir), through).length;
    },
    async close() {
      db.close();
    },
  };
}
