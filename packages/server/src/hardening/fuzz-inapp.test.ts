import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { userHashFor } from '../auth/identity-verification.js';
import { describeEachDialect } from '../test-support/databases.js';
import {
  authorization,
  contentType,
  deeplyNested,
  fuzzOnce,
  fuzzParameters,
  mutated,
  nastyBody,
  nastyString,
  rawEncode,
  segment,
} from '../test-support/fuzz.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

/**
 * The SDK-facing in-app API under hostile input: query strings with odd and invalid bytes,
 * event bodies of every wrong shape, forged delivery IDs and identity proofs. Every answer is a
 * 2xx or a catalogue 4xx; a refused request changes nothing.
 */
describeEachDialect('fuzzing the in-app API', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let verified: TestWorkspace;
  let deliveryId: string;
  beforeAll(async () => {
    ws = await server().createWorkspace('Fuzzed', { inApp: { enabled: true, anonymous: true } });
    verified = await server().createWorkspace('Verified', {
      inApp: { enabled: true, anonymous: true },
      identityVerification: true,
    });
    const inApp = inAppClient(server(), ws);
    await inApp.launch(messageBody({ frequency: { maxViews: null, cooldownSeconds: 0 } }));
    deliveryId = (await inApp.messages({ anonymousId: 'a1' })).messages[0]!.deliveryId;
  });

  const query = () =>
    fc
      .array(
        fc.tuple(
          fc.oneof(
            {
              weight: 5,
              arbitrary: fc
                .constantFrom(
                  'writeKey',
                  'anonymousId',
                  'userId',
                  'userHash',
                  'userToken',
                  'anonymousInApp',
                )
                .map(rawEncode),
            },
            { weight: 1, arbitrary: segment(['__proto__', 'writeKey[]', 'anonymousId[a]']) },
          ),
          segment([
            ws.writeKey,
            verified.writeKey,
            ws.secretKey,
            'a1',
            'u1',
            'true',
            userHashFor(verified.secretKey, 'u1'),
          ]),
        ),
        { maxLength: 6 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

  it('answers every poll and stream request 2xx or a catalogue 4xx', async () => {
    const request = fc.record({
      route: fc.constantFrom('messages', 'stream'),
      query: query(),
      auth: fc.option(authorization(`Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}`), {
        nil: undefined,
      }),
      ifNoneMatch: fc.option(
        fc.oneof(fc.constant('*'), fc.string({ maxLength: 40, unit: 'grapheme-ascii' })),
        { nil: undefined },
      ),
      method: fc.oneof(
        { weight: 8, arbitrary: fc.constant('GET') },
        { weight: 1, arbitrary: fc.constantFrom('HEAD', 'POST', 'DELETE') },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ route, query, auth, ifNoneMatch, method }) => {
        await fuzzOnce(server(), {
          method,
          path: `/v1/in-app/${route}?${query}`,
          headers: { authorization: auth, 'if-none-match': ifNoneMatch },
        });
      }),
      fuzzParameters(60),
    );
  });

  it('answers every event report 2xx or a catalogue 4xx, and a refused one changes nothing', async () => {
    const event = {
      id: 'e1',
      type: 'opened',
      deliveryId: 'D',
      step: 'main',
      actionName: 'ok',
      actionValue: 'v',
      timestamp: '2026-01-01T00:00:00Z',
    };
    const template = () => ({
      writeKey: ws.writeKey,
      anonymousId: 'a1',
      events: [{ ...event, deliveryId }],
    });
    const request = fc.record({
      body: nastyBody(
        fc.oneof(
          mutated(template()),
          // A valid report, each time under a fresh event id.
          fc.uuid().map((id) => ({ ...template(), events: [{ ...event, id, deliveryId }] })),
          // A delivery ID edited, or sent by someone it was not issued to.
          fc
            .record({ at: fc.nat(), ch: fc.constantFrom('A', '.', '0', '\u0000', '\ud800') })
            .map(({ at, ch }) => ({
              ...template(),
              events: [
                {
                  ...event,
                  deliveryId:
                    deliveryId.slice(0, at % deliveryId.length) +
                    ch +
                    deliveryId.slice((at % deliveryId.length) + 1),
                },
              ],
            })),
          nastyString.map((anonymousId) => ({ ...template(), anonymousId })),
          fc.constant({
            writeKey: verified.writeKey,
            userId: 'u1',
            userHash: 'f'.repeat(64),
            events: [{ ...event, deliveryId }],
          }),
          fc.constant({
            ...template(),
            events: Array.from({ length: 101 }, (_, i) => ({ ...event, id: `e${i}`, deliveryId })),
          }),
          fc.constant({
            ...template(),
            events: [{ ...event, deliveryId, actionValue: deeplyNested(50) }],
          }),
        ),
      ),
      contentType,
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ body, contentType }) => {
        await fuzzOnce(server(), {
          method: 'POST',
          path: '/v1/in-app/events',
          headers: { 'content-type': contentType },
          body,
        });
      }),
      fuzzParameters(60),
    );
  });
});
