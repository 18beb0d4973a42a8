import { describe, expect, it } from 'vitest';
import {
  audienceAllows,
  byPriority,
  frequencyAllows,
  NEVER_SEEN,
  scheduleAllows,
  slotOf,
} from './eligibility.js';

describe('eligibility', () => {
  it('anonymous messages stop once a visitor is identified', () => {
    expect(audienceAllows('anonymous', false)).toBe(true);
    expect(audienceAllows('anonymous', true)).toBe(false);
    expect(audienceAllows('identified', true)).toBe(true);
    expect(audienceAllows('identified', false)).toBe(false);
  });

  it('schedule: from startAt inclusive to endAt exclusive', () => {
    expect(scheduleAllows(100, 200, 99)).toBe(false);
    expect(scheduleAllows(100, 200, 100)).toBe(true);
    expect(scheduleAllows(100, 200, 199)).toBe(true);
    expect(scheduleAllows(100, 200, 200)).toBe(false);
    expect(scheduleAllows(null, null, 0)).toBe(true);
  });

  it('frequency: maxViews, cooldown, and a dismissal is final', () => {
    const twice = { maxViews: 2, cooldownSeconds: 0 };
    expect(frequencyAllows(twice, NEVER_SEEN, 0)).toBe(true);
    expect(frequencyAllows(twice, { views: 1, lastViewedAt: 0, dismissed: false }, 0)).toBe(true);
    expect(frequencyAllows(twice, { views: 2, lastViewedAt: 0, dismissed: false }, 0)).toBe(false);
    const always = { maxViews: null, cooldownSeconds: 0 };
    expect(frequencyAllows(always, { views: 99, lastViewedAt: 0, dismissed: false }, 0)).toBe(true);
    expect(frequencyAllows(always, { views: 1, lastViewedAt: 0, dismissed: true }, 0)).toBe(false);
    const hourly = { maxViews: null, cooldownSeconds: 3600 };
    const seen = { views: 1, lastViewedAt: 1000, dismissed: false };
    expect(frequencyAllows(hourly, seen, 1000 + 3_599_999)).toBe(false);
    expect(frequencyAllows(hourly, seen, 1000 + 3_600_000)).toBe(true);
  });

  it('orders by priority, then launch order', () => {
    const messages = [
      { id: 'c', priority: 5, launchedAt: 30 },
      { id: 'a', priority: 5, launchedAt: 10 },
      { id: 'urgent', priority: 1, launchedAt: 50 },
      { id: 'b', priority: 5, launchedAt: 20 },
      { id: 'low', priority: 10, launchedAt: 1 },
    ];
    expect(messages.sort(byPriority).map((m) => m.id)).toEqual(['urgent', 'a', 'b', 'c', 'low']);
  });

  it('gives each display its slot', () => {
    expect(slotOf({ type: 'modal', position: 'top' })).toBe('modal');
    expect(slotOf({ type: 'overlay', position: 'top-left' })).toBe('overlay:top-left');
    expect(slotOf({ type: 'inline', selector: '#hero' })).toBe('inline:#hero');
    expect(slotOf({ type: 'tooltip', selector: '#buy' })).toBe('tooltip:#buy');
  });
});
