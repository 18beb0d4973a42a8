import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectCatalogueAnswer } from '../test-support/fuzz.js';
import { TEST_MASTER_KEY, useTestServer } from '../test-support/server.js';

/**
 * Refusals that come from below Herald's routes (Node's HTTP parser, Fastify's router, the CORS
 * plugin) reach the client in the catalogue's shape too, never as a 5xx or a hang. Nothing here
 * touches the database, so one dialect is enough.
 */
describe('refusals from below the routes', () => {
  const server = useTestServer('sqlite', { ingestRateLimit: 0 });
  const bearer = { authorization: `Bearer ${TEST_MASTER_KEY}` };
  const answer = async (response: Response) => ({
    status: response.status,
    text: await response.text(),
  });
  const codeOf = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

  it('answers a malformed CORS preflight with a catalogue 400', async () => {
    for (const path of ['/v1/track', '/v1/in-app/events']) {
      const response = await answer(await fetch(`${server().url}${path}`, { method: 'OPTIONS' }));
      expect(response.status).toBe(400);
      expect(expectCatalogueAnswer(response, path)).toBe(true);
    }
  });

  it('answers a URL that is not valid percent-encoding, or too long, in the catalogue shape', async () => {
    const bad = await answer(
      await fetch(`${server().url}/api/v1/workspaces/%zz/messages`, { headers: bearer }),
    );
    expect(bad.status).toBe(400);
    expect(codeOf(bad.text)).toBe('validation_failed');
    const long = await answer(
      await fetch(`${server().url}/api/v1/workspaces/${'x'.repeat(1100)}/people/u1`, {
        method: 'DELETE',
        headers: bearer,
      }),
    );
    expect(long.status).toBe(414);
    expect(codeOf(long.text)).toBe('uri_too_long');
    const huge = await answer(
      await fetch(`${server().url}/api/v1/workspaces/${'x'.repeat(20_000)}`, { headers: bearer }),
    );
    expect(huge.status).toBe(431);
    expect(codeOf(huge.text)).toBe('headers_too_large');
  });

  it('answers bytes that are not HTTP with a catalogue 400 and closes the connection', async () => {
    const url = new URL(server().url);
    const raw = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write('HELLO \u0000 WORLD\r\n\r\n'),
      );
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(codeOf(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toBe('validation_failed');
  });

  it('has no HEAD twin of the event stream, which would hang open forever', async () => {
    const ws = await server().createWorkspace('Head', {
      inApp: { enabled: true, anonymous: true },
    });
    const response = await fetch(
      `${server().url}/v1/in-app/stream?writeKey=${ws.writeKey}&anonymousId=a`,
      {
        method: 'HEAD',
        signal: AbortSignal.timeout(5_000),
      },
    );
    expect(response.status).toBe(404);
  });
});
