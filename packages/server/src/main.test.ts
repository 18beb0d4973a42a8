import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

/** The built server, started as an operator starts it (`npm test` builds it first). */
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const built = existsSync(MAIN);

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Herald is listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

describe.skipIf(!built)(
  `herald server process${built ? '' : ' (skipped: run npm run build first)'}`,
  () => {
    it('refuses a bad configuration with a message naming each problem', async () => {
      const child = spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH, PORT: 'eighty', LOG_LEVEL: 'chatty' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('PORT must be a whole number');
      expect(stderr).toContain('LOG_LEVEL must be one of');
    });

    it('generates a master key on first start, shows it once, keeps it private', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'herald-main-'));
      const first = await start({ HERALD_DATA_DIR: dataDir });
      const keyFile = join(dataDir, 'master.key');
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(first.output()).toContain(key);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      const created = await fetch(`${first.url}/api/v1/workspaces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Main' }),
      });
      expect(created.status).toBe(201);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = await start({ HERALD_DATA_DIR: dataDir });
      expect(second.output()).not.toContain(key);
      const list = await fetch(`${second.url}/api/v1/workspaces`, {
        headers: { authorization: `Bearer ${key}` },
      });
      // Besides the demo workspace every first start seeds.
      expect((await list.json()).data.map((w: { name: string }) => w.name).sort()).toEqual([
        'Demo',
        'Main',
      ]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    });

    it('on SIGTERM finishes in-flight requests and keeps every acknowledged event', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'herald-main-'));
      const masterKey = 'graceful-master-key-0123';
      const server = await start({
        HERALD_DATA_DIR: dataDir,
        HERALD_MASTER_KEY: masterKey,
        HERALD_INGEST_RATE_LIMIT: '0',
      });
      const ws = await (
        await fetch(`${server.url}/api/v1/workspaces`, {
          method: 'POST',
          headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Graceful' }),
        })
      ).json();

      const batch = (n: number) => ({
        writeKey: ws.writeKey,
        batch: Array.from({ length: 100 }, (_, i) => ({
          type: 'track',
          anonymousId: `a${n}`,
          event: 'Load',
          messageId: `m-${n}-${i}`,
        })),
      });
      const requests = Array.from({ length: 30 }, (_, n) =>
        fetch(`${server.url}/v1/batch`, { method: 'POST', body: JSON.stringify(batch(n)) })
          .then((r) => r.status)
          .catch(() => 0),
      );
      await Promise.race(requests);
      server.child.kill('SIGTERM');
      const statuses = await Promise.all(requests);
      expect(await server.exited).toBe(0);

      const acknowledged = statuses.filter((s) => s === 200).length;
      expect(acknowledged).toBeGreaterThan(0);
      const db = new SqliteDatabase(join(dataDir, 'herald.db'), { readonly: true });
      const stored = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
      db.close();
      expect(stored.n).toBeGreaterThanOrEqual(acknowledged * 100);
      expect(statuses.every((s) => s === 200 || s === 503 || s === 0)).toBe(true);
    });
  },
);
