import {
  assignVariant,
  type DeliveredMessage,
  type Experiment,
  HOLDOUT,
  type MessageDefinition,
} from '@herald/protocol';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/databases.js';
import { inAppClient, messageBody } from '../test-support/inapp.js';
import { type TestWorkspace, useTestServer } from '../test-support/server.js';

const variant = (key: string, weight: number, html: string) => ({
  key,
  name: `Variant ${key}`,
  weight,
  steps: [{ name: 'main', html: `${html}<a href="herald://action/buy">Buy</a>` }],
});
const EXPERIMENT = {
  holdoutPercent: 20,
  variants: [variant('A', 1, '<h2>Plain</h2>'), variant('B', 1, '<h2>Bold</h2>')],
};

describeEachDialect('experiments and languages', (dialect) => {
  const server = useTestServer(dialect, { ingestRateLimit: 0 });
  let ws: TestWorkspace;
  let inApp: ReturnType<typeof inAppClient>;
  beforeAll(async () => {
    ws = await server().createWorkspace('Experiments', {
      inApp: { enabled: true, anonymous: true },
    });
    inApp = inAppClient(server(), ws);
  });
  /** The message `id` as the visitor gets it (each test's messages stay live for the next). */
  const delivered = async (id: string, visitor: object, extra: Record<string, string> = {}) => {
    const { messages } = await inApp.messages(visitor, extra);
    const message = messages.find((m) => m.id === id);
    expect(message, `message ${id}`).toBeDefined();
    return message!;
  };
  /** Reports what the SDK would: `opened` for a variant shown, `held-out` for the holdout. */
  const expose = async (visitor: object, message: DeliveredMessage) => {
    const type = message.heldOut ? 'held-out' : 'opened';
    const locale = message.locale ?? undefined;
    const response = await inApp.report(visitor, [
      { type, deliveryId: message.deliveryId, ...(locale ? { locale } : {}) },
    ]);
    expect(response.status).toBe(200);
  };

  it('refuses experiments and translations that cannot work, naming the field', async () => {
    const cases: Array<[Partial<MessageDefinition> | Record<string, unknown>, string]> = [
      [{ experiment: { variants: [variant('A', 1, 'x')] } }, 'experiment.variants'],
      [{ experiment: { ...EXPERIMENT, holdoutPercent: 60 } }, 'experiment.holdoutPercent'],
      [
        { experiment: { variants: [variant('A', 0, 'x'), variant('B', 1, 'y')] } },
        'experiment.variants.0.weight',
      ],
      [
        { experiment: { variants: [variant('A', 1, 'x'), variant('A', 1, 'y')] } },
        'experiment.variants.1.key',
      ],
      [{ experiment: { ...EXPERIMENT, winner: 'C' } }, 'experiment.winner'],
      [
        { steps: [{ name: 'main', html: 'Hi', locales: { 'not a tag': { html: 'x' } } }] },
        'steps.0.locales.not a tag',
      ],
      [
        {
          steps: [
            { name: 'main', html: 'Hi', locales: { de: { html: 'Hallo {{customer.name}}' } } },
          ],
        },
        'steps.0.locales.de.html',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await server().admin('POST', `/workspaces/${ws.id}/messages`, {
        ...messageBody(),
        ...body,
      });
      expect(response.status, field).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
  });

  it('gives each visitor their assigned variant, the holdout nothing, and counts every group', async () => {
    const id = await inApp.launch(messageBody({ name: 'Pricing test', experiment: EXPERIMENT }));
    const experiment = EXPERIMENT as Experiment;
    const seen = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const visitor = { anonymousId: `exp-${i}` };
      const message = await delivered(id, visitor);
      const expected = assignVariant(experiment, id, `a:exp-${i}`);
      expect(message.variant).toBe(expected);
      if (expected === HOLDOUT) {
        expect(message).toMatchObject({ heldOut: true, steps: [] });
      } else {
        expect(message.steps[0]!.html).toContain(expected === 'A' ? 'Plain' : 'Bold');
      }
      seen.set(expected, (seen.get(expected) ?? 0) + 1);
      await expose(visitor, message);
      // Variant B's people click; a third of everyone signs up (converts) afterwards.
      if (expected === 'B') {
        await inApp.report(visitor, [
          { type: 'action', actionName: 'buy', deliveryId: message.deliveryId },
        ]);
      }
      if (i % 3 === 0) {
        await server().track(ws.writeKey, '/v1/identify', {
          anonymousId: `exp-${i}`,
          userId: `exp-user-${i}`,
        });
      }
    }
    expect([...seen.keys()].sort()).toEqual(['A', 'B', HOLDOUT]);

    const metrics = await inApp.metrics(id);
    const { experiment: figures } = metrics;
    expect(figures).toMatchObject({
      test: 'two-proportion z-test',
      control: HOLDOUT,
      holdoutPercent: 20,
      winner: null,
    });
    const groups = [figures.holdout, ...figures.variants];
    expect(groups.map((g: { exposed: number }) => g.exposed)).toEqual([
      seen.get(HOLDOUT),
      seen.get('A'),
      seen.get('B'),
    ]);
    // Every exposed group converts from its exposure: the holdout too, though it saw nothing.
    const converted = (key: string) =>
      [...Array(60).keys()].filter(
        (i) => i % 3 === 0 && assignVariant(experiment, id, `a:exp-${i}`) === key,
      ).length;
    expect(figures.holdout.conversions).toBe(converted(HOLDOUT));
    expect(figures.variants[0].conversions).toBe(converted('A'));
    expect(figures.variants[1]).toMatchObject({
      key: 'B',
      views: seen.get('B'),
      uniqueViewers: seen.get('B'),
      clicks: { buy: seen.get('B') },
      conversions: converted('B'),
    });
    expect(figures.holdout.views).toBe(0);
    expect(figures.variants[1].comparison.verdict).toBe('not_enough_data');
    // The message's own figures hold what it achieved: the holdout's conversions are not in them.
    expect(metrics.conversions).toBe(converted('A') + converted('B'));
    expect(metrics.views).toBe(seen.get('A')! + seen.get('B')!);
  });

  it('keeps a person on the variant of their first exposure through an alias merge', async () => {
    const experiment: Experiment = { holdoutPercent: 0, variants: EXPERIMENT.variants };
    const id = await inApp.launch(
      messageBody({ name: 'Merge test', audience: { type: 'identified' }, experiment }),
    );
    // Two ids the hash sends to different variants.
    let n = 0;
    while (
      assignVariant(experiment, id, `u:old-${n}`) === assignVariant(experiment, id, `u:new-${n}`)
    )
      n++;
    const [oldId, newId] = [`old-${n}`, `new-${n}`];
    for (const userId of [oldId, newId]) {
      await server().track(ws.writeKey, '/v1/identify', { userId });
    }
    const before = await delivered(id, { userId: oldId });
    expect(before.variant).toBe(assignVariant(experiment, id, `u:${oldId}`));
    await expose({ userId: oldId }, before);
    await server().track(ws.writeKey, '/v1/alias', { previousId: oldId, userId: newId });
    // Under either id, the merged person is shown what they were shown first.
    expect((await delivered(id, { userId: newId })).variant).toBe(before.variant);
    expect((await delivered(id, { userId: oldId })).variant).toBe(before.variant);
  });

  it('a declared winner goes to everyone, the holdout included', async () => {
    const id = await inApp.launch(messageBody({ name: 'Winner test', experiment: EXPERIMENT }));
    let held = 0;
    while (assignVariant(EXPERIMENT as Experiment, id, `a:held-${held}`) !== HOLDOUT) held++;
    expect((await delivered(id, { anonymousId: `held-${held}` })).heldOut).toBe(true);
    const bad = await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/winner`, {
      variant: 'Z',
    });
    expect(bad.status).toBe(400);
    const declared = await server().admin('POST', `/workspaces/${ws.id}/messages/${id}/winner`, {
      variant: 'B',
    });
    expect(declared.status).toBe(200);
    expect(declared.body.experiment.winner).toBe('B');
    const after = await delivered(id, { anonymousId: `held-${held}` });
    expect(after).toMatchObject({ variant: 'B' });
    expect(after.heldOut).toBeUndefined();
    expect(after.steps[0]!.html).toContain('Bold');
  });

  it('picks the best language for the visitor: exact, then language, then the default', async () => {
    const id = await inApp.launch(
      messageBody({
        name: 'Languages',
        steps: [
          {
            name: 'main',
            html: '<h2>Hello</h2>',
            locales: { de: { html: '<h2>Hallo</h2>' }, 'pt-BR': { html: '<h2>Olá</h2>' } },
          },
        ],
      }),
    );
    const cases: Array<[string | undefined, string | null, string]> = [
      ['de', 'de', 'Hallo'],
      ['de-AT', 'de', 'Hallo'],
      ['pt', 'pt-BR', 'Olá'],
      ['PT-br', 'pt-BR', 'Olá'],
      ['fr-FR', null, 'Hello'],
      [undefined, null, 'Hello'],
    ];
    for (const [locale, chosen, text] of cases) {
      const visitor = { anonymousId: `lang-${locale ?? 'none'}` };
      const message = await delivered(id, visitor, locale ? { locale } : {});
      expect(message.locale, String(locale)).toBe(chosen);
      expect(message.steps[0]!.html).toContain(text);
      await expose(visitor, message);
    }
    const refused = await inApp.fetchMessages({ anonymousId: 'x' }, { locale: 'de_DE!' });
    expect(refused.status).toBe(400);
    // Figures combine languages, and split by them.
    const metrics = await inApp.metrics(id);
    expect(metrics.views).toBe(6);
    expect(metrics.locales).toMatchObject({
      de: { views: 2, exposed: 2 },
      'pt-BR': { views: 2, exposed: 2 },
      default: { views: 2, exposed: 2 },
    });
  });
});
