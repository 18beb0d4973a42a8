import { frequencyAllows } from '@herald/protocol';
import { describe, expect, it } from 'vitest';
import {
  counterKey,
  DAY,
  dayOf,
  evaluate,
  type PersonFacts,
  propertiesMatch,
  type SegmentDefinition,
  timeDependent,
} from './conditions.js';
import { parseSegmentDefinition } from './definitions.js';

const NOW = Date.parse('2026-05-20T12:00:00Z');
const facts = (
  traits: Record<string, unknown>,
  counts: Record<string, Record<number, number>> = {},
): PersonFacts => ({
  traits,
  counts: new Map(
    Object.entries(counts).map(([key, days]) => [
      key,
      new Map(Object.entries(days).map(([day, n]) => [Number(day), n])),
    ]),
  ),
});
const one = (condition: SegmentDefinition['conditions'][number]): SegmentDefinition => ({
  match: 'all',
  conditions: [condition],
});

describe('segment conditions', () => {
  it('compares traits: equals, contains, exists, greater and less than', () => {
    const person = facts({
      plan: 'Pro',
      tags: ['beta', 'vip'],
      seats: '12',
      company: { size: 40 },
    });
    const is = (c: SegmentDefinition['conditions'][number]) => evaluate(one(c), person, NOW);
    expect(is({ type: 'trait', trait: 'plan', op: 'equals', value: 'pro' })).toBe(true);
    expect(is({ type: 'trait', trait: 'plan', op: 'not_equals', value: 'pro' })).toBe(false);
    expect(is({ type: 'trait', trait: 'plan', op: 'contains', value: 'R' })).toBe(true);
    expect(is({ type: 'trait', trait: 'tags', op: 'contains', value: 'vip' })).toBe(true);
    expect(is({ type: 'trait', trait: 'email', op: 'exists' })).toBe(false);
    expect(is({ type: 'trait', trait: 'email', op: 'not_exists' })).toBe(true);
    expect(is({ type: 'trait', trait: 'seats', op: 'greater_than', value: 10 })).toBe(true);
    expect(is({ type: 'trait', trait: 'seats', op: 'less_than', value: 10 })).toBe(false);
    expect(is({ type: 'trait', trait: 'company.size', op: 'greater_than', value: 39 })).toBe(true);
    expect(is({ type: 'trait', trait: 'plan', op: 'greater_than', value: 1 })).toBe(false);
  });

  it('compares dates: before, after, and relative to now', () => {
    const person = facts({
      createdAt: '2026-05-01T00:00:00Z',
      trialEnds: Math.floor((NOW + 3 * DAY) / 1000), // epoch seconds
    });
    const is = (c: SegmentDefinition['conditions'][number]) => evaluate(one(c), person, NOW);
    expect(is({ type: 'trait', trait: 'createdAt', op: 'before', value: '2026-05-02' })).toBe(true);
    expect(is({ type: 'trait', trait: 'createdAt', op: 'after', value: '2026-05-02' })).toBe(false);
    expect(is({ type: 'trait', trait: 'createdAt', op: 'more_than_days_ago', days: 14 })).toBe(
      true,
    );
    expect(is({ type: 'trait', trait: 'createdAt', op: 'more_than_days_ago', days: 30 })).toBe(
      false,
    );
    expect(is({ type: 'trait', trait: 'createdAt', op: 'less_than_days_ago', days: 30 })).toBe(
      true,
    );
    expect(is({ type: 'trait', trait: 'trialEnds', op: 'after', value: '2026-05-22' })).toBe(true);
    // A date in the future is not "less than N days ago".
    expect(is({ type: 'trait', trait: 'trialEnds', op: 'less_than_days_ago', days: 30 })).toBe(
      false,
    );
  });

  it('counts events in the last D UTC days, today included', () => {
    const condition = { type: 'event' as const, event: 'Order', atLeast: 3, withinDays: 7 };
    const key = counterKey(condition);
    const today = dayOf(NOW);
    const within = facts({}, { [key]: { [today]: 1, [today - 6 * DAY]: 2 } });
    const partlyOld = facts({}, { [key]: { [today]: 1, [today - 7 * DAY]: 2 } });
    expect(evaluate(one(condition), within, NOW)).toBe(true);
    expect(evaluate(one(condition), partlyOld, NOW)).toBe(false);
    expect(evaluate(one({ ...condition, negate: true }), partlyOld, NOW)).toBe(true);
  });

  it('keys filtered counters by event and filters, in any order', () => {
    const a = counterKey({
      event: 'Order',
      where: [
        { property: 'total', op: 'greater_than', value: 100 },
        { property: 'currency', op: 'equals', value: 'EUR' },
      ],
    });
    const b = counterKey({
      event: 'Order',
      where: [
        { property: 'currency', op: 'equals', value: 'EUR' },
        { property: 'total', op: 'greater_than', value: 100 },
      ],
    });
    expect(a).toBe(b);
    expect(a).not.toBe(counterKey({ event: 'Order' }));
    expect(
      propertiesMatch([{ property: 'total', op: 'greater_than', value: 100 }], { total: 250 }),
    ).toBe(true);
    expect(
      propertiesMatch([{ property: 'total', op: 'greater_than', value: 100 }], { total: 50 }),
    ).toBe(false);
  });

  it('combines conditions in AND/OR groups; an empty group matches nobody', () => {
    const definition: SegmentDefinition = {
      match: 'all',
      conditions: [
        { type: 'trait', trait: 'plan', op: 'equals', value: 'pro' },
        {
          match: 'any',
          conditions: [
            { type: 'trait', trait: 'country', op: 'equals', value: 'FR' },
            { type: 'trait', trait: 'country', op: 'equals', value: 'DE' },
          ],
        },
      ],
    };
    expect(evaluate(definition, facts({ plan: 'pro', country: 'DE' }), NOW)).toBe(true);
    expect(evaluate(definition, facts({ plan: 'pro', country: 'US' }), NOW)).toBe(false);
    expect(evaluate(definition, facts({ plan: 'free', country: 'FR' }), NOW)).toBe(false);
    expect(evaluate({ match: 'any', conditions: [] }, facts({}), NOW)).toBe(false);
    expect(timeDependent(definition)).toBe(false);
  });

  it('validates definitions with the failing field named', () => {
    expect(() => parseSegmentDefinition({ conditions: [] })).toThrow(/conditions.conditions/);
    expect(() =>
      parseSegmentDefinition({
        conditions: [{ type: 'trait', trait: 'a', op: 'more_than_days_ago' }],
      }),
    ).toThrow(/conditions.conditions.0.days/);
    expect(() =>
      parseSegmentDefinition({ conditions: [{ type: 'event', event: 'x', withinDays: 9999 }] }),
    ).toThrow(/withinDays/);
    const parsed = parseSegmentDefinition({
      match: 'any',
      conditions: [
        {
          type: 'event',
          event: 'Order',
          where: [{ property: 'total', op: 'greater_than', value: 5 }],
        },
      ],
    });
    expect(parsed.conditions[0]).toMatchObject({ atLeast: 1, withinDays: 30 });
  });
});

describe('re-eligibility', () => {
  const frequency = { maxViews: 1, cooldownSeconds: 0, reEligibleAfterSeconds: 3600 };
  it('makes a dismissed or maxed-out message eligible again after the period', () => {
    const dismissed = {
      views: 1,
      lastViewedAt: NOW - 7200_000,
      dismissed: true,
      dismissedAt: NOW - 1800_000,
    };
    expect(frequencyAllows(frequency, dismissed, NOW)).toBe(false);
    expect(frequencyAllows(frequency, dismissed, NOW + 1800_000)).toBe(true);
    const maxed = { views: 1, lastViewedAt: NOW - 3600_000, dismissed: false };
    expect(frequencyAllows(frequency, maxed, NOW)).toBe(true);
    expect(frequencyAllows({ ...frequency, reEligibleAfterSeconds: null }, maxed, NOW)).toBe(false);
  });
});
