import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  postgresUnavailable,
  type TestDatabase,
} from '../test-support/databases.js';
import {
  killServerProcess,
  openDirectReader,
  serverBuilt,
  type ServerProcess,
  startServerProcess,
} from '../test-support/server-process.js';

/**
 * The job runner across crashes and nodes, with real server processes (`node dist/main.js`):
 * a campaign's delay survives a SIGKILL in its middle and sends exactly once after the restart;
 * two processes on one PostgreSQL run the same due jobs without doubling a send.
 */
const MASTER_KEY = 'campaigns-master-key-0123456789';
const ENV = {
  HERALD_MASTER_KEY: MASTER_KEY,
  HERALD_INGEST_RATE_LIMIT: '0',
  HERALD_JOB_POLL_MS: '50',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function client(server: ServerProcess) {
  return {
    async admin(method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
      const json = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
      return json;
    },
    async batch(writeKey: string, batch: object[]) {
      const response = await fetch(`${server.url}/v1/batch`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ batch }),
      });
      expect(response.status).toBe(200);
    },
  };
}

async function until<T>(
  database: TestDatabase,
  sql: string,
  done: (rows: T[]) => boolean,
  params: unknown[] = [],
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const reader = await openDirectReader(database);
    try {
      const rows = await reader.query<T>(sql, params);
      if (done(rows)) return rows;
    } finally {
      await reader.close();
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting on: ${sql}`);
    await sleep(50);
  }
}

async function setUp(server: ServerProcess, delaySeconds: number) {
  const api = client(server);
  const ws = await api.admin('POST', '/workspaces', { name: 'Jobs', inApp: { enabled: true } });
  const message = await api.admin('POST', `/workspaces/${ws.id}/messages`, {
    name: 'Delayed',
    audience: { type: 'identified' },
    steps: [{ name: 'main', html: '<p>Hi</p>' }],
  });
  const campaign = await api.admin('POST', `/workspaces/${ws.id}/campaigns`, {
    name: 'Later',
    messageId: message.id,
    trigger: { type: 'event', event: 'Go' },
    delaySeconds,
  });
  return { api, ws, message, campaign };
}

const describeBuilt = serverBuilt
  ? describeEachDialect
  : (title: string, body: (dialect: 'sqlite') => void) =>
      describe.skip(`${title} (skipped: run npm run build first)`, () => body('sqlite'));

describeBuilt('campaign jobs across a restart', (dialect) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    if (server) await killServerProcess(server);
    await database?.drop();
  });

  it('sends once after a SIGKILL in the middle of the delay', { timeout: 60_000 }, async () => {
    database = await createTestDatabase(dialect);
    server = await startServerProcess(database, ENV);
    const { api, ws, campaign } = await setUp(server, 2);
    await api.batch(ws.writeKey, [
      { type: 'identify', userId: 'kim', traits: {} },
      { type: 'track', userId: 'kim', event: 'Go' },
    ]);
    await until(database, 'SELECT id FROM jobs WHERE kind = ?', (rows) => rows.length === 1, [
      'campaign.send',
    ]);
    await killServerProcess(server);
    await sleep(2500); // the delay ends while no server runs
    server = await startServerProcess(database, ENV);
    await until(
      database,
      'SELECT id FROM message_queue WHERE source_id = ?',
      (rows) => rows.length === 1,
      [campaign.id],
    );
    await sleep(500);
    const reader = await openDirectReader(database);
    try {
      expect(
        await reader.query('SELECT id FROM message_queue WHERE source_id = ?', [campaign.id]),
      ).toHaveLength(1);
      const [job] = await reader.query<{ done_at: unknown }>(
        'SELECT done_at FROM jobs WHERE kind = ?',
        ['campaign.send'],
      );
      expect(job!.done_at).not.toBeNull();
    } finally {
      await reader.close();
    }
    const answer = await fetch(
      `${server.url}/v1/in-app/messages?writeKey=${ws.writeKey}&userId=kim`,
    );
    expect(((await answer.json()) as { messages: unknown[] }).messages).toHaveLength(1);
  });
});

const describePostgres = serverBuilt && !postgresUnavailable ? describe : describe.skip;

describePostgres('two server processes on one PostgreSQL', () => {
  let database: TestDatabase | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await killServerProcess(server);
    await database?.drop();
  });

  it('never double a send', { timeout: 60_000 }, async () => {
    database = await createTestDatabase('postgres');
    servers.push(await startServerProcess(database, ENV));
    servers.push(await startServerProcess(database, ENV));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const { api, ws, campaign, message } = await setUp(a, 1);
    const people = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const segment = await api.admin('POST', `/workspaces/${ws.id}/segments`, {
      name: 'Everyone',
      conditions: { conditions: [{ type: 'trait', trait: 'n', op: 'exists' }] },
    });
    // Half the calls through each node: both apply events and schedule jobs.
    await client(a).batch(
      ws.writeKey,
      people.slice(0, 30).flatMap((userId, n) => [
        { type: 'identify', userId, traits: { n } },
        { type: 'track', userId, event: 'Go' },
      ]),
    );
    await client(b).batch(
      ws.writeKey,
      people.slice(30).flatMap((userId, n) => [
        { type: 'identify', userId, traits: { n } },
        { type: 'track', userId, event: 'Go' },
      ]),
    );
    await until(
      database,
      'SELECT profile_id FROM segment_members WHERE segment_id = ?',
      (rows) => rows.length === 60,
      [segment.id],
    );
    const broadcasts = [];
    for (let i = 0; i < 3; i++) {
      broadcasts.push(
        await client(i % 2 ? a : b).admin('POST', `/workspaces/${ws.id}/broadcasts`, {
          messageId: message.id,
          segmentId: segment.id,
        }),
      );
    }
    for (const source of [campaign, ...broadcasts]) {
      await until(
        database,
        'SELECT id FROM message_queue WHERE source_id = ?',
        (rows) => rows.length >= 60,
        [source.id],
      );
    }
    await sleep(500);
    const reader = await openDirectReader(database);
    try {
      for (const source of [campaign, ...broadcasts]) {
        const rows = await reader.query<{ visitor: string }>(
          'SELECT visitor FROM message_queue WHERE source_id = ?',
          [source.id],
        );
        expect(rows).toHaveLength(60);
        expect(new Set(rows.map((r) => r.visitor)).size).toBe(60);
      }
      const pending = await reader.query(
        'SELECT id FROM jobs WHERE done_at IS NULL AND kind <> ?',
        ['segments.refresh'],
      );
      expect(pending).toEqual([]);
      const failed = await reader.query(
        'SELECT id FROM jobs WHERE failed_at IS NOT NULL OR attempts > 0',
      );
      expect(failed).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
