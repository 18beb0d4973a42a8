import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

describeEachDialect('message triggers', (dialect) => {
  const server = useTestServer(dialect);
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await server().createWorkspace('Triggers', { inApp: { enabled: true, anonymous: true } });
  });

  it('delivers the trigger with the message, and none with a test send', async () => {
    const inApp = inAppClient(server(), ws);
    const trigger = {
      match: 'any',
      conditions: [
        { type: 'delay', seconds: 5 },
        { type: 'scroll', percent: 50 },
        { type: 'exitIntent' },
        { type: 'click', selector: '#buy, .pricing button' },
        { type: 'event', event: 'Added To Cart', properties: { plan: 'pro', seats: 2 } },
      ],
    };
    const id = await inApp.launch(messageBody({ trigger } as object));
    const stored = await server().admin('GET', `/workspaces/${ws.id}/messages/${id}`);
    expect(stored.body.trigger).toEqual(trigger);
    const { messages } = await inApp.messages({ anonymousId: 'trig-1' });
    expect(messages.find((m) => m.id === id)?.trigger).toEqual(trigger);

    await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/test`, {
      anonymousId: 'trig-2',
    });
    const test = (await inApp.messages({ anonymousId: 'trig-2' })).messages.find((m) => m.test);
    expect(test).toBeDefined();
    expect(test!.trigger).toBeUndefined();
  });

  it('refuses triggers that cannot work, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ conditions: [] }, 'trigger.conditions'],
      [{ match: 'some', conditions: [{ type: 'pageLoad' }] }, 'trigger.match'],
      [{ conditions: [{ type: 'hover' }] }, 'trigger.conditions.0.type'],
      [{ conditions: [{ type: 'delay', seconds: 0 }] }, 'trigger.conditions.0.seconds'],
      [{ conditions: [{ type: 'scroll', percent: 150 }] }, 'trigger.conditions.0.percent'],
      [{ conditions: [{ type: 'click', selector: 'div[' }] }, 'trigger.conditions.0.selector'],
      [
        { conditions: [{ type: 'event', event: 'X', properties: { a: { b: 1 } } }] },
        'trigger.conditions.0.properties.a',
      ],
    ];
    for (const [trigger, field] of cases) {
      const response = await server().admin('POST', `/workspaces/${ws.id}/messages`, {
        ...messageBody(),
        trigger,
      });
      expect(response.status, field).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
  });
});
