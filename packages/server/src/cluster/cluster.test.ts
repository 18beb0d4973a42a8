import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  clusterUnavailable,
  type ClusterNode,
  SseStream,
  useCluster,
} from '../test-support/cluster.js';

/**
 * Several real server processes on one PostgreSQL database and one Redis, as an operator runs
 * them behind a load balancer: whatever node a request reaches, the answer is the same, and a
 * change made through one node reaches the open pages of every other.
 */
describe.skipIf(clusterUnavailable)(
  `cluster of nodes on PostgreSQL and Redis${clusterUnavailable ? ` (skipped: ${clusterUnavailable})` : ''}`,
  () => {
    const cluster = useCluster(3);
    const node = (i: number) => () => cluster.nodes()[i]!;
    const [a, b, c] = [node(0), node(1), node(2)];

    async function workspace(node: ClusterNode) {
      const created = await node.admin('POST', '/workspaces', {
        name: `Cluster ${randomUUID().slice(0, 8)}`,
        inApp: { enabled: true, anonymous: true },
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; writeKey: string };
    }

    const query = (ws: { writeKey: string }, anonymousId: string) =>
      new URLSearchParams({
        writeKey: ws.writeKey,
        anonymousInApp: 'true',
        anonymousId,
      }).toString();
    const streamUrl = (node: ClusterNode, ws: { writeKey: string }, visitor: string) =>
      `${node.url}/v1/in-app/stream?${query(ws, visitor)}`;
    const messages = (
      node: ClusterNode,
      ws: { writeKey: string },
      visitor: string,
      etag?: string,
    ) =>
      fetch(`${node.url}/v1/in-app/messages?${query(ws, visitor)}`, {
        headers: etag ? { 'if-none-match': etag } : {},
      });
    const ids = async (response: Response) =>
      ((await response.json()) as { messages: Array<{ id: string }> }).messages.map((m) => m.id);

    async function launch(node: ClusterNode, ws: { id: string }, extra: object = {}) {
      const created = await node.admin('POST', `/workspaces/${ws.id}/messages`, {
        name: 'Hello',
        audience: { type: 'anonymous' },
        steps: [{ name: 'main', html: '<p>Hi</p><a href="herald://close">OK</a>' }],
        ...extra,
      });
      expect(created.status).toBe(201);
      const launched = await node.admin(
        'POST',
        `/workspaces/${ws.id}/messages/${created.body.id}/launch`,
      );
      expect(launched.status).toBe(200);
      return created.body.id as string;
    }

    it('sends a launch made through one node to the streams open on the others', async () => {
      const ws = await workspace(a());
      const onA = await SseStream.open(streamUrl(a(), ws, 'v-launch'));
      const onC = await SseStream.open(streamUrl(c(), ws, 'v-launch'));
      const id = await launch(b(), ws);
      await Promise.all([onA.next('refresh'), onC.next('refresh')]);
      // Each node answers with the message at once: their catalogues were invalidated.
      for (const node of [a(), b(), c()])
        expect(await ids(await messages(node, ws, 'v-launch'))).toEqual([id]);
      onA.close();
      onC.close();
    });

    it('counts a view reported to one node for frequency on another at once', async () => {
      const ws = await workspace(a());
      const id = await launch(a(), ws, { frequency: { maxViews: 1, cooldownSeconds: 0 } });
      const onB = await SseStream.open(streamUrl(b(), ws, 'v-freq'));
      const first = await messages(b(), ws, 'v-freq');
      const etag = first.headers.get('etag')!;
      const delivered = (await first.json()) as {
        messages: Array<{ id: string; deliveryId: string }>;
      };
      expect(delivered.messages.map((m) => m.id)).toEqual([id]);

      const reported = await fetch(`${a().url}/v1/in-app/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          writeKey: ws.writeKey,
          anonymousId: 'v-freq',
          events: [
            { id: randomUUID(), type: 'opened', deliveryId: delivered.messages[0]!.deliveryId },
          ],
        }),
      });
      expect(reported.status).toBeLessThan(300);
      // The view is in the database when A answers: B's next full answer leaves the message out.
      expect(await ids(await messages(b(), ws, 'v-freq'))).toEqual([]);
      // And once the change reached B (its stream hints the visitor), the old ETag no longer
      // matches: B recomputes instead of answering 304 from memory. Hints of the launch may
      // still be arriving too, so the refresh seen is not necessarily this one: revalidate
      // until B has heard (a 304 forever would fail the test by its timeout).
      await onB.next('refresh');
      let revalidated = await messages(b(), ws, 'v-freq', etag);
      while (revalidated.status === 304) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        revalidated = await messages(b(), ws, 'v-freq', etag);
      }
      expect(revalidated.status).toBe(200);
      expect(await ids(revalidated)).toEqual([]);
      onB.close();
    });

    it('resumes a stream on another node after its node is killed, missing nothing', async () => {
      const ws = await workspace(a());
      const doomed = await cluster.start();
      const stream = await SseStream.open(streamUrl(doomed, ws, 'v-resume'));
      doomed.process.child.kill('SIGKILL');
      await stream.ended;
      // Launched while the page had no stream at all.
      const id = await launch(c(), ws);
      // EventSource reconnects with the last id it saw; the load balancer picks another node.
      const resumed = await SseStream.open(streamUrl(b(), ws, 'v-resume'), {
        'last-event-id': stream.lastEventId!,
      });
      expect(resumed.events.map((e) => e.event).slice(0, 2)).toEqual(['hello', 'refresh']);
      expect(await ids(await messages(b(), ws, 'v-resume'))).toEqual([id]);
      // And it goes on receiving what any node publishes.
      resumed.skipReceived();
      await launch(a(), ws);
      await resumed.next('refresh');
      resumed.close();
    });

    it('stops a rotated write key on every node, not after the cache expires', async () => {
      const ws = await workspace(a());
      const track = (key: string) =>
        fetch(`${a().url}/v1/track`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ writeKey: key, anonymousId: 'v-key', event: 'Tick' }),
        });
      expect((await track(ws.writeKey)).status).toBe(200); // now cached on A
      const rotated = await b().admin('POST', `/workspaces/${ws.id}/keys/write/rotate`);
      expect(rotated.status).toBe(200);
      // Well inside the cache's 10 s: only the bus can have told A.
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        status = (await track(ws.writeKey)).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(401);
    });

    it('reports ready with the database and Redis, and exports metrics', async () => {
      const ready = await fetch(`${b().url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', redis: 'ok' },
      });
      const ws = await workspace(b());
      const open = await SseStream.open(streamUrl(b(), ws, 'v-metrics'));
      const metrics = await (await fetch(`${b().url}/metrics`)).text();
      expect(metrics).toMatch(/^herald_sse_connections \d+$/m);
      expect(metrics).toMatch(/^herald_job_queue_depth\{queue="ingest_log"\} \d+$/m);
      expect(metrics).toMatch(/^herald_bus_changes\{direction="published"\} [1-9]\d*$/m);
      expect(metrics).toMatch(
        /herald_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/workspaces",status="201"\}/,
      );
      expect(metrics).toContain('process_cpu_user_seconds_total');
      open.close();
    });

    it('drains on SIGTERM: streams are told to reconnect elsewhere, then the node exits', async () => {
      const ws = await workspace(a());
      const leaving = await cluster.start();
      const stream = await SseStream.open(streamUrl(leaving, ws, 'v-drain'));
      leaving.process.child.kill('SIGTERM');
      await stream.next('reconnect');
      expect(await leaving.process.exited).toBe(0);
    });
  },
);
