import type { MessageDefinition } from '@herald/protocol';

/** The Herald server the global setup started (a real one, on SQLite). */
export const SERVER_URL = process.env.HERALD_TEST_URL!;

export async function admin<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${SERVER_URL}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${process.env.HERALD_TEST_MASTER_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface TestWorkspace {
  id: string;
  writeKey: string;
  /** Creates and launches a message for apps; answers its id. */
  launch(message: Partial<MessageDefinition>): Promise<string>;
  /** The activity of a visitor, oldest first, as the admin API shows it. */
  activity(anonymousId: string): Promise<Array<Record<string, unknown>>>;
}

let count = 0;

/** A fresh workspace with in-app and anonymous messages on: tests don't see each other's. */
export async function workspace(): Promise<TestWorkspace> {
  const created = await admin<{ id: string; writeKey: string }>('POST', '/workspaces', {
    name: `React Native ${++count}`,
    inApp: { enabled: true, anonymous: true },
  });
  if (created.status !== 201) throw new Error(`no workspace: ${JSON.stringify(created.body)}`);
  const { id, writeKey } = created.body;
  return {
    id,
    writeKey,
    async launch(message) {
      const made = await admin<{ id: string }>('POST', `/workspaces/${id}/messages`, {
        name: 'App message',
        platforms: ['mobile'],
        steps: [{ name: 'main', html: '<h2>Hello</h2><a href="herald://close">Close</a>' }],
        ...message,
      });
      if (made.status !== 201) throw new Error(`no message: ${JSON.stringify(made.body)}`);
      const launched = await admin('POST', `/workspaces/${id}/messages/${made.body.id}/launch`);
      if (launched.status !== 200)
        throw new Error(`not launched: ${JSON.stringify(launched.body)}`);
      return made.body.id;
    },
    async activity(anonymousId) {
      const { status, body } = await admin<{ data: Array<Record<string, unknown>> }>(
        'GET',
        `/workspaces/${id}/anonymous/${encodeURIComponent(anonymousId)}/activity?limit=500`,
      );
      return status === 200 ? body.data.reverse() : [];
    },
  };
}

/** Waits until `check` holds (a wait, never a timed assertion). */
export async function until<T>(
  check: () => Promise<T> | T,
  timeout = 15_000,
): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeout) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
