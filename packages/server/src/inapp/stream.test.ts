import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { startTestServer, type TestWorkspace, useTestServer } from '../test-support/server.js';
import { LocalBus } from './bus.js';
import { StreamHub } from './stream.js';

/** Reads Server-Sent Events from a live stream, as EventSource would. */
async function openStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: string[] = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(chunk)?.[1];
          if (name) events.push(name);
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted
    }
    waiters.splice(0).forEach((wake) => wake());
  })();
  return {
    response,
    events,
    /** Waits until `count` events named `name` have arrived. */
    async next(name: string, count = 1) {
      while (events.filter((e) => e === name).length < count) {
        await new Promise<void>((resolve) => waiters.push(resolve));
        if (controller.signal.aborted) break;
      }
    },
    close: () => controller.abort(),
  };
}

describeEachDialect('in-app live stream', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  beforeAll(async () => {
    ws = await server().createWorkspace('Stream', { inApp: { enabled: true, anonymous: true } });
    inApp = inAppClient(server(), ws);
  });

  it('pushes a launch to every open page of the workspace', async () => {
    const a = await openStream(inApp.streamUrl({ anonymousId: 'tab-a' }));
    const b = await openStream(inApp.streamUrl({ userId: 'someone' }));
    expect(a.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    await Promise.all([a.next('hello'), b.next('hello')]);
    const id = await inApp.launch(messageBody());
    await Promise.all([a.next('refresh'), b.next('refresh')]);
    expect((await inApp.messages({ anonymousId: 'tab-a' })).messages.map((m) => m.id)).toContain(
      id,
    );
    a.close();
    b.close();
  });

  it('pushes a test send and a dismissal only to that visitor', async () => {
    const id = await inApp.create(messageBody({ audience: { type: 'identified' } }));
    const target = await openStream(inApp.streamUrl({ userId: 'target' }));
    const bystander = await openStream(inApp.streamUrl({ userId: 'bystander' }));
    await Promise.all([target.next('hello'), bystander.next('hello')]);
    await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, { userId: 'target' });
    await target.next('refresh');
    const [message] = (await inApp.messages({ userId: 'target' })).messages;
    // A second tab of the same visitor hears about the dismissal made in the first.
    const secondTab = await openStream(inApp.streamUrl({ userId: 'target' }));
    await secondTab.next('hello');
    await inApp.report({ userId: 'target' }, [{ type: 'opened', deliveryId: message!.deliveryId }]);
    await secondTab.next('refresh');
    expect(bystander.events.filter((e) => e === 'refresh')).toEqual([]);
    for (const stream of [target, bystander, secondTab]) stream.close();
  });

  it('refuses a stream without a valid write key', async () => {
    const response = await fetch(`${server().url}/v1/in-app/stream?writeKey=nope&anonymousId=a`);
    expect(response.status).toBe(401);
  });
});

describeEachDialect('in-app live stream on shutdown', (dialect) => {
  it('tells open pages to reconnect and lets the server close', async () => {
    const server = await startTestServer(dialect);
    const ws = await server.createWorkspace('Drain', { inApp: { enabled: true } });
    const stream = await openStream(inAppClient(server, ws).streamUrl({ anonymousId: 'a' }));
    await stream.next('hello');
    await server.close();
    await stream.next('reconnect');
    expect(stream.events).toContain('reconnect');
  });
});

it('a stream that opens once the hub has closed is told to reconnect and ended', async () => {
  // The request began before the node started closing and reached the hub after it closed.
  const hub = new StreamHub(new LocalBus());
  hub.close();
  const http = createServer((_request, res) => hub.open(res, 'ws_1', 'a:late'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = http.address() as AddressInfo;
    const text = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(text).toContain('event: reconnect');
    expect(hub.size).toBe(0);
  } finally {
    http.close();
  }
});
