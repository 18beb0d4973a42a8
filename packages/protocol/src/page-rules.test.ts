import { describe, expect, it } from 'vitest';
import type { PageRule } from './message.js';
import {
  compilePageRules,
  compileRule,
  pageMatches,
  pageTarget,
  ruleMatches,
} from './page-rules.js';

const test = (rule: PageRule, target: string) => ruleMatches(compileRule(rule), target);

describe('page rules', () => {
  it('matches: * stands for any run of characters, over the URL without its query string', () => {
    const rule: PageRule = { op: 'matches', value: 'https://example.com/*/billing' };
    expect(test(rule, 'https://example.com/ui/billing')).toBe(true);
    expect(test(rule, 'https://example.com/docs/team/billing')).toBe(true);
    expect(test(rule, 'https://example.com/ui/billing?tab=invoices')).toBe(true);
    expect(test(rule, 'https://example.com/ui/billing/#top')).toBe(true);
    expect(test(rule, 'https://example.com/ui/billing-history')).toBe(false);
    expect(test(rule, 'https://example.com/billing')).toBe(false);
    expect(test(rule, 'https://other.com/ui/billing')).toBe(false);
  });

  it('matches: * alone is every page, and case does not matter', () => {
    expect(test({ op: 'matches', value: '*' }, 'https://anything.io/x?y')).toBe(true);
    expect(
      test({ op: 'matches', value: 'HTTPS://Example.com/Pricing' }, 'https://example.com/pricing'),
    ).toBe(true);
  });

  it('matches: a pattern with a query string compares the query string too', () => {
    const rule: PageRule = { op: 'matches', value: 'https://example.com/search?q=*' };
    expect(test(rule, 'https://example.com/search?q=shoes')).toBe(true);
    expect(test(rule, 'https://example.com/search')).toBe(false);
  });

  it('equals: the whole URL, no wildcard, trailing slash and query ignored', () => {
    const rule: PageRule = { op: 'equals', value: 'https://example.com/pricing' };
    expect(test(rule, 'https://example.com/pricing')).toBe(true);
    expect(test(rule, 'https://example.com/pricing/?utm_source=x')).toBe(true);
    expect(test(rule, 'https://example.com/pricing/team')).toBe(false);
    expect(test({ op: 'equals', value: 'a*b' }, 'axxb')).toBe(false);
    expect(test({ op: 'equals', value: 'a*b' }, 'a*b')).toBe(true);
  });

  it('contains: anywhere in the full URL, query string included', () => {
    const rule: PageRule = { op: 'contains', value: 'utm_source=partner' };
    expect(test(rule, 'https://example.com/?utm_source=partner&x=1')).toBe(true);
    expect(test(rule, 'https://example.com/?utm_source=other')).toBe(false);
    expect(test({ op: 'contains', value: '(.*)' }, 'https://x.io/(.*)')).toBe(true);
    expect(test({ op: 'contains', value: '(.*)' }, 'https://x.io/abc')).toBe(false);
  });

  it('regex: as written, or /pattern/flags', () => {
    expect(
      test({ op: 'regex', value: '^https://[a-z]+\\.example\\.com/' }, 'https://app.example.com/'),
    ).toBe(true);
    expect(test({ op: 'regex', value: '/PRICING/i' }, 'https://x.io/pricing')).toBe(true);
    expect(test({ op: 'regex', value: 'PRICING' }, 'https://x.io/pricing')).toBe(false);
    // A global flag would make test() stateful; it is dropped.
    const rule = compileRule({ op: 'regex', value: '/a/g' });
    expect([ruleMatches(rule, 'a'), ruleMatches(rule, 'a')]).toEqual([true, true]);
  });

  it('refuses values that can never work', () => {
    expect(() => compileRule({ op: 'regex', value: '(unclosed' })).toThrow(
      /not a valid regular expression/,
    );
    expect(() => compileRule({ op: 'matches', value: '' })).toThrow(/empty/);
    expect(() => compileRule({ op: 'contains', value: 'x'.repeat(2001) })).toThrow(/at most/);
  });

  it('includes any, excludes win, and no include rule means every page', () => {
    const rules = compilePageRules({
      include: [
        { op: 'matches', value: 'https://shop.io/products/*' },
        { op: 'equals', value: 'Checkout' },
      ],
      exclude: [{ op: 'contains', value: 'utm_source=partner' }],
    });
    expect(pageMatches(rules, 'https://shop.io/products/42')).toBe(true);
    expect(pageMatches(rules, 'Checkout')).toBe(true);
    expect(pageMatches(rules, 'https://shop.io/products/42?utm_source=partner')).toBe(false);
    expect(pageMatches(rules, 'https://shop.io/about')).toBe(false);
    const everywhere = compilePageRules({
      include: [],
      exclude: [{ op: 'contains', value: '/admin' }],
    });
    expect(pageMatches(everywhere, 'https://shop.io/')).toBe(true);
    expect(pageMatches(everywhere, 'https://shop.io/admin/users')).toBe(false);
  });

  it('tests the page name when page() was given one, else the URL', () => {
    expect(pageTarget({ name: 'Billing', url: 'https://x.io/b' })).toBe('Billing');
    expect(pageTarget({ url: 'https://x.io/b' })).toBe('https://x.io/b');
    const rules = compilePageRules({ include: [{ op: 'equals', value: 'Billing' }], exclude: [] });
    expect(pageMatches(rules, pageTarget({ name: 'Billing', url: 'https://x.io/settings' }))).toBe(
      true,
    );
    expect(pageMatches(rules, pageTarget({ url: 'https://x.io/billing' }))).toBe(false);
  });
});
