import { describe, expect, it } from 'vitest';
import type { ConditionGroup } from '../api/types.js';
import {
  checkGroup,
  describeCondition,
  type GroupDraft,
  groupBody,
  groupDraftOf,
  newEvent,
  newGroup,
  newTrait,
  parseScalar,
} from './conditions.js';

// The example of docs/campaigns.md, with every kind of condition.
const EXAMPLE: ConditionGroup = {
  match: 'all',
  conditions: [
    { type: 'trait', trait: 'plan', op: 'equals', value: 'pro' },
    { type: 'trait', trait: 'createdAt', op: 'more_than_days_ago', days: 14 },
    {
      match: 'any',
      conditions: [
        {
          type: 'event',
          event: 'Order Completed',
          atLeast: 3,
          withinDays: 30,
          where: [{ property: 'total', op: 'greater_than', value: 100 }],
        },
        { type: 'trait', trait: 'company.size', op: 'greater_than', value: 50 },
        { type: 'event', event: 'Churned', atLeast: 1, withinDays: 7, negate: true },
      ],
    },
  ],
};

describe('conditions draft', () => {
  it('round-trips the API JSON unchanged, types and nesting included', () => {
    expect(groupBody(groupDraftOf(EXAMPLE))).toEqual(EXAMPLE);
    // A filter's value keeps its type: it is part of the key of the event's counter.
    const text: ConditionGroup = {
      match: 'any',
      conditions: [
        {
          type: 'event',
          event: 'Paid',
          atLeast: 1,
          withinDays: 30,
          where: [{ property: 'total', op: 'equals', value: '100' }],
        },
      ],
    };
    expect(groupBody(groupDraftOf(text))).toEqual(text);
  });

  it('sends only what the operator uses, trimmed', () => {
    const draft: GroupDraft = {
      match: 'all',
      conditions: [
        { ...newTrait(), trait: ' plan ', op: 'exists', value: 'left over', days: 3 },
        { ...newTrait(), trait: 'signedUpAt', op: 'less_than_days_ago', value: 'x', days: 7 },
        { ...newTrait(), trait: 'trialEnds', op: 'before', value: '2026-01-31' },
        { ...newTrait(), trait: 'role', op: 'contains', value: ' admin ' },
        { ...newEvent(), event: ' Login ', negate: false, where: [] },
        {
          ...newEvent(),
          event: 'Paid',
          where: [{ property: ' coupon ', op: 'exists', value: 'ignored' }],
        },
      ],
    };
    expect(groupBody(draft).conditions).toEqual([
      { type: 'trait', trait: 'plan', op: 'exists' },
      { type: 'trait', trait: 'signedUpAt', op: 'less_than_days_ago', days: 7 },
      { type: 'trait', trait: 'trialEnds', op: 'before', value: '2026-01-31' },
      { type: 'trait', trait: 'role', op: 'contains', value: 'admin' },
      { type: 'event', event: 'Login', atLeast: 1, withinDays: 30 },
      {
        type: 'event',
        event: 'Paid',
        atLeast: 1,
        withinDays: 30,
        where: [{ property: 'coupon', op: 'exists' }],
      },
    ]);
  });

  it('reads typed text as a number or boolean only when it reads back the same', () => {
    expect(parseScalar('42')).toBe(42);
    expect(parseScalar('-1.5')).toBe(-1.5);
    expect(parseScalar('true')).toBe(true);
    expect(parseScalar('false')).toBe(false);
    for (const text of ['', ' ', '007', '1.', '1e3', ' 5', 'True', 'pro', 'NaN', 'Infinity'])
      expect(parseScalar(text)).toBe(text);
  });

  it('flags empty values and text compared as a number, by field, however nested', () => {
    expect(checkGroup(groupDraftOf(EXAMPLE))).toBeUndefined();
    const nested: GroupDraft = {
      match: 'all',
      conditions: [
        { ...newTrait(), trait: 'plan', value: 'pro' },
        {
          match: 'any',
          conditions: [
            { ...newTrait(), trait: 'seats', op: 'exists' },
            { ...newTrait(), trait: 'seats', op: 'greater_than', value: 'ten' },
          ],
        },
      ],
    };
    expect(checkGroup(nested)).toMatchObject({
      field: 'conditions.conditions.1.conditions.1.value',
      message: expect.stringMatching(/number/),
    });
    const filter: GroupDraft = {
      match: 'all',
      conditions: [
        { ...newEvent(), event: 'Paid', where: [{ property: 'plan', op: 'equals', value: '' }] },
      ],
    };
    expect(checkGroup(filter)?.field).toBe('conditions.conditions.0.where.0.value');
    expect(checkGroup(newGroup())?.field).toBe('conditions.conditions.0.value');
  });

  it('describes conditions in words', () => {
    const [plan, created, group] = EXAMPLE.conditions;
    expect(describeCondition(plan as never)).toBe('plan equals “pro”');
    expect(describeCondition(created as never)).toBe('createdAt is more than 14 days ago');
    const [orders, size, churned] = (group as ConditionGroup).conditions;
    expect(describeCondition(orders as never)).toBe(
      'performed “Order Completed” where total is greater than 100 at least 3 times in the last 30 days',
    );
    expect(describeCondition(size as never)).toBe('company.size is greater than 50');
    expect(
      describeCondition({ type: 'trait', trait: 'seenAt', op: 'less_than_days_ago', days: 1 }),
    ).toBe('seenAt is within the last 1 day');
    expect(describeCondition(churned as never)).toBe(
      'did not perform “Churned” in the last 7 days',
    );
    expect(
      describeCondition({ type: 'event', event: 'Login', atLeast: 5, withinDays: 1, negate: true }),
    ).toBe('performed “Login” fewer than 5 times today');
  });
});
