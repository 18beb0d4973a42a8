import type { DeliveryResponse, InAppEventInput, MessageDefinition } from '@herald/protocol';
import { randomUUID } from 'node:crypto';
import type { TestServer, TestWorkspace } from './server.js';

/** Who is asking, as the SDK says it. */
export interface TestVisitor {
  anonymousId?: string;
  userId?: string;
  userHash?: string;
  userToken?: string;
}

/** A message body with what tests rarely care about filled in. */
export function messageBody(
  overrides: Partial<MessageDefinition> = {},
): Partial<MessageDefinition> {
  return {
    name: 'Test message',
    steps: [{ name: 'main', html: '<h2>Hello</h2><a href="herald://action/ok">OK</a>' }],
    ...overrides,
  };
}

/**
 * Drives the in-app APIs as the SDK and the dashboard would, over real HTTP.
 *
 * @example
 * const inApp = inAppClient(server(), ws);
 * const id = await inApp.launch(messageBody());
 * const { messages } = await inApp.messages({ anonymousId: 'a1' });
 */
export function inAppClient(server: TestServer, ws: TestWorkspace) {
  const query = (visitor: TestVisitor, extra: Record<string, string> = {}) =>
    new URLSearchParams({
      writeKey: ws.writeKey,
      anonymousInApp: 'true',
      ...(visitor as Record<string, string>),
      ...extra,
    }).toString();

  const client = {
    async create(body: Partial<MessageDefinition>): Promise<string> {
      const created = await server.admin('POST', `/workspaces/${ws.id}/messages`, body);
      if (created.status !== 201) throw new Error(`not created: ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    },
    async launch(body: Partial<MessageDefinition>): Promise<string> {
      const id = await client.create(body);
      const launched = await server.admin('POST', `/workspaces/${ws.id}/messages/${id}/launch`);
      if (launched.status !== 200)
        throw new Error(`not launched: ${JSON.stringify(launched.body)}`);
      return id;
    },
    /** GET /v1/in-app/messages; throws on anything but 200. */
    async messages(
      visitor: TestVisitor,
      extra: Record<string, string> = {},
    ): Promise<DeliveryResponse> {
      const response = await client.fetchMessages(visitor, extra);
      if (response.status !== 200) {
        throw new Error(`messages answered ${response.status}: ${await response.text()}`);
      }
      return (await response.json()) as DeliveryResponse;
    },
    fetchMessages(
      visitor: TestVisitor,
      extra: Record<string, string> = {},
      headers: Record<string, string> = {},
    ) {
      return fetch(`${server.url}/v1/in-app/messages?${query(visitor, extra)}`, { headers });
    },
    streamUrl(visitor: TestVisitor): string {
      return `${server.url}/v1/in-app/stream?${query(visitor)}`;
    },
    /** POST /v1/in-app/events as the SDK sends them (text/plain). */
    report(visitor: TestVisitor, events: Array<Partial<InAppEventInput>>) {
      return fetch(`${server.url}/v1/in-app/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          writeKey: ws.writeKey,
          ...visitor,
          events: events.map((e) => ({ id: randomUUID(), ...e })),
        }),
      });
    },
    async metrics(id: string, query = '') {
      return (await server.admin('GET', `/workspaces/${ws.id}/messages/${id}/metrics${query}`))
        .body;
    },
  };
  return client;
}
