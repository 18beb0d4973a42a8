import { describe, expect, it } from 'vitest';
import { filtersText, parseFilters, triggerInWords } from './trigger-words.js';

describe('triggerInWords', () => {
  it('says a message without a trigger shows at once', () => {
    expect(triggerInWords(undefined)).toBe('as soon as the page loads');
    expect(triggerInWords({ match: 'all', conditions: [] })).toBe('as soon as the page loads');
  });

  it('joins conditions with and for all, or for any', () => {
    const conditions = [
      { type: 'delay' as const, seconds: 1 },
      { type: 'scroll' as const, percent: 50 },
      { type: 'exitIntent' as const },
    ];
    expect(triggerInWords({ match: 'all', conditions })).toBe(
      'after 1 second on the page, once the page is scrolled 50% down and when the visitor is about to leave',
    );
    expect(triggerInWords({ match: 'any', conditions: conditions.slice(0, 2) })).toBe(
      'after 1 second on the page or once the page is scrolled 50% down',
    );
  });

  it('names the selector, the event and its property filters', () => {
    expect(
      triggerInWords({
        match: 'any',
        conditions: [
          { type: 'click', selector: '#buy' },
          { type: 'event', event: 'Added to cart', properties: { plan: 'pro', qty: 2 } },
        ],
      }),
    ).toBe(
      'on a click on #buy or when “Added to cart” is tracked on the page with plan = "pro", qty = 2',
    );
  });
});

describe('event property filters as typed', () => {
  it('reads numbers and true/false as such, and skips what is no pair', () => {
    const filters = parseFilters(' plan = pro, qty=2, trial=false, =x, junk, note=');
    expect(filters).toEqual({ plan: 'pro', qty: 2, trial: false, note: '' });
    expect(parseFilters(filtersText(filters))).toEqual(filters);
  });
});
