/**
 * Builds bench/scale's workspace on a fresh PostgreSQL database: 50 launched messages and the 20
 * segments through the admin API of a Herald app in this process (not listening), then the
 * people of scale-data.ts, one of two ways. `pipeline`: their identify and track calls go
 * through the store's pipeline (the one the ingest processor applies accepted calls with),
 * normalized as the tracking API normalizes them, and their views through the in-app intake's
 * writes. `bulk`: PostgreSQL inserts the rows the pipeline would have written (bulk.ts).
 */
import pg from 'pg';
import { buildApp } from '../../packages/server/dist/app.js';
import { openStore } from '../../packages/server/dist/store/index.js';
import { normalizeCall } from '../../packages/server/dist/tracking/normalize.js';
import { BENCH_MASTER_KEY } from './admin.js';
import {
  type BulkSegment,
  deriveSegments,
  insertPeople,
  insertTracks,
  insertViews,
} from './bulk.js';
import { sleep } from './processes.js';
import { identifyCalls, segmentBodies, trackCalls, viewAgo } from './scale-data.js';

export interface ScaleWorkspace {
  id: string;
  writeKey: string;
  messageIds: string[];
  /** The identified message everyone viewed: what the metrics query reads. */
  viewed: string;
  events: number;
}

type Store = Awaited<ReturnType<typeof openStore>>;
/** People per pipeline submission, and per bulk statement. */
const PIPELINE_PEOPLE = 50;
const BULK_PEOPLE = 20_000;

export async function loadScaleWorkspace(
  databaseUrl: string,
  dataDir: string,
  people: number,
  load: 'pipeline' | 'bulk',
  now: number,
  progress: (phase: string, people: number) => void = () => {},
): Promise<ScaleWorkspace> {
  const store = await openStore({ databaseUrl, dataDir });
  const loader = await buildApp({ store, masterKey: BENCH_MASTER_KEY, ingestRateLimit: 0 });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const inject = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await loader.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${BENCH_MASTER_KEY}` },
        ...(payload ? { payload } : {}),
      });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
      return response.json() as T;
    };
    const ws = await inject<{ id: string; writeKey: string }>('POST', '/workspaces', {
      name: 'Scale',
      inApp: { enabled: true, anonymous: true },
    });
    const messageIds: string[] = [];
    for (let m = 0; m < 50; m++) {
      const message = await inject<{ id: string }>('POST', `/workspaces/${ws.id}/messages`, {
        name: `Message ${m}`,
        audience: { type: m % 2 ? 'identified' : 'anonymous' },
        pageRules: { include: [{ op: 'contains', value: `/page-${m % 10}` }], exclude: [] },
        steps: [{ name: 'main', html: `<h2>Message ${m}</h2><a href="herald://close">OK</a>` }],
      });
      await inject('POST', `/workspaces/${ws.id}/messages/${message.id}/launch`);
      messageIds.push(message.id);
    }
    const bulkSegments: BulkSegment[] = [];
    for (const body of segmentBodies() as Array<{ name: string; conditions: SegmentConditions }>) {
      const { id } = await inject<{ id: string }>('POST', `/workspaces/${ws.id}/segments`, body);
      const condition = body.conditions.conditions[0]!;
      bulkSegments.push(
        condition.type === 'event'
          ? { id, name: body.name, event: condition.event!, withinDays: condition.withinDays! }
          : { id, name: body.name, trait: condition.trait!, equals: condition.value! },
      );
    }
    // The segments' first builds (over nobody yet) end before anyone arrives, in both loads.
    await settledBuilds(client, ws.id);
    const viewed = messageIds[1]!;
    let events = 0;
    if (load === 'pipeline') {
      const submit = async (calls: object[]) => {
        const normalized = calls.map((call, i) =>
          normalizeCall(call, undefined, now, {}, `batch.${i}`),
        );
        await store.events.write({ workspaceId: ws.id, events: normalized });
        return normalized.length;
      };
      for (const calls of [identifyCalls, trackCalls]) {
        for (let from = 0; from < people; from += PIPELINE_PEOPLE) {
          const batch: object[] = [];
          for (let p = from; p < Math.min(people, from + PIPELINE_PEOPLE); p++) {
            batch.push(...calls(p, now));
          }
          events += await submit(batch);
        }
        progress(calls === identifyCalls ? 'identify' : 'tracks', people);
      }
      events += await writeViews(store, ws.id, viewed, people, now);
    } else {
      for (let from = 0; from < people; from += BULK_PEOPLE) {
        const to = Math.min(people, from + BULK_PEOPLE);
        events += await insertPeople(client, ws.id, from, to, now);
        events += await insertTracks(client, ws.id, from, to, now);
        events += await insertViews(client, ws.id, viewed, from, to, now);
        progress('people', to);
      }
      await deriveSegments(client, ws.id, bulkSegments, now);
      progress('segments', people);
    }
    // As autovacuum leaves tables in service: statistics, and visibility maps for index-only scans.
    await client.query('vacuum (analyze)');
    return { id: ws.id, writeKey: ws.writeKey, messageIds, viewed, events };
  } finally {
    await client.end();
    await loader.close();
    await store.close();
  }
}

interface SegmentConditions {
  conditions: Array<
    { type: string } & Partial<{ event: string; withinDays: number; trait: string; value: string }>
  >;
}

/** Waits until no segment of the workspace is being built. */
async function settledBuilds(client: pg.Client, workspaceId: string): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from segments where workspace_id = $1 and built_through is not null`,
      [workspaceId],
    );
    if (Number(rows[0]!.n) === 0) return;
    await sleep(250);
  }
}

/**
 * Everyone's view of `messageId`, as the in-app intake stores it (an `inapp` event per visitor):
 * its effects write each person's message state and the message's hourly counters.
 */
async function writeViews(
  store: Store,
  workspaceId: string,
  messageId: string,
  people: number,
  now: number,
): Promise<number> {
  for (let from = 0; from < people; from += 2000) {
    const rows = [];
    for (let p = from; p < Math.min(people, from + 2000); p++) {
      const at = now - viewAgo(p);
      rows.push({
        message_id: `inapp:view-${p}`,
        type: 'inapp' as const,
        name: 'in-app:message-opened',
        user_id: `user-${p}`,
        anonymous_id: `anon-${p}`,
        group_id: null,
        previous_id: null,
        properties: JSON.stringify({
          kind: 'opened',
          messageId,
          version: 1,
          deliveryId: `${messageId}.1..bench`,
          visitor: `u:user-${p}`,
        }),
        traits: null,
        context: null,
        integrations: null,
        timestamp: at,
        original_timestamp: at,
        sent_at: null,
        received_at: at,
      });
    }
    await store.events.write({ workspaceId, events: rows });
  }
  return people;
}
