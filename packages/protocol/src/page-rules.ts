import type { PageRule, PageRules } from './message.js';

/**
 * Page rules, compiled once into regular expressions that the server and the browser SDK both
 * test. The server sends the compiled form to the SDK, which only has to run `RegExp.test`.
 *
 * What a rule is tested against: the name given to `page(name)` when there is one, else the
 * page's full URL (see `pageTarget`).
 *
 * - `matches`: the whole value, where `*` stands for any run of characters and `*` alone for
 *   every page. Unless the pattern itself has a `?` or `#`, the URL's query string and fragment
 *   are ignored, and so is a trailing slash: `https://example.com/*\/billing` matches
 *   `https://example.com/ui/billing/?tab=2`.
 * - `equals`: the same comparison with no wildcard.
 * - `contains`: anywhere in the full URL, query string included (`utm_source=partner`).
 * - `regex`: a JavaScript regular expression, `pattern` or `/pattern/flags`, tested against the
 *   full URL.
 *
 * All but `regex` ignore case.
 */

/** A rule compiled to a regular expression: source and flags. */
export interface CompiledRule {
  s: string;
  f: string;
}

export interface CompiledPageRules {
  include: CompiledRule[];
  exclude: CompiledRule[];
}

/** The longest rule value accepted: long patterns are a mistake or an attack. */
export const MAX_RULE_LENGTH = 2000;

/** Thrown by `compileRule` for a value that can never work; `field` is `include.0.value`… */
export class PageRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageRuleError';
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Compiles one rule, or throws a PageRuleError saying what is wrong with it. */
export function compileRule(rule: PageRule): CompiledRule {
  const value = rule.value;
  if (value.length === 0) throw new PageRuleError('must not be empty');
  if (value.length > MAX_RULE_LENGTH) {
    throw new PageRuleError(`must be at most ${MAX_RULE_LENGTH} characters`);
  }
  switch (rule.op) {
    case 'contains':
      return { s: escapeRegex(value), f: 'i' };
    case 'matches':
    case 'equals': {
      if (rule.op === 'matches' && value.trim() === '*') return { s: '', f: '' };
      const withQuery = /[?#]/.test(value);
      const base = withQuery ? value : value.replace(/\/+$/, '');
      let source = escapeRegex(base);
      if (rule.op === 'matches') source = source.replace(/\\\*/g, '[\\s\\S]*');
      const tail = withQuery ? '' : '\\/?(?:[?#][\\s\\S]*)?';
      return { s: `^${source}${tail}$`, f: 'i' };
    }
    case 'regex': {
      const literal = /^\/([\s\S]+)\/([dgimsuy]*)$/.exec(value);
      // g and y make RegExp.test stateful; they never mean anything for a page rule.
      const compiled = literal
        ? { s: literal[1]!, f: literal[2]!.replace(/[gy]/g, '') }
        : { s: value, f: '' };
      try {
        new RegExp(compiled.s, compiled.f);
      } catch (error) {
        throw new PageRuleError(`is not a valid regular expression: ${(error as Error).message}`);
      }
      return compiled;
    }
    default:
      throw new PageRuleError('has an unknown op');
  }
}

export function compilePageRules(rules: PageRules): CompiledPageRules {
  return { include: rules.include.map(compileRule), exclude: rules.exclude.map(compileRule) };
}

const regexCache = new Map<string, RegExp>();

/** Whether one compiled rule matches the target. */
export function ruleMatches(rule: CompiledRule, target: string): boolean {
  const key = `${rule.f}/${rule.s}`;
  let regex = regexCache.get(key);
  if (!regex) {
    if (regexCache.size > 500) regexCache.clear();
    regex = new RegExp(rule.s, rule.f);
    regexCache.set(key, regex);
  }
  return regex.test(target);
}

/**
 * Whether a page passes the rules: it matches an include rule (or there are none) and no
 * exclude rule.
 *
 * @example
 * const rules = compilePageRules({ include: [{ op: 'matches', value: '*' }], exclude: [] });
 * pageMatches(rules, 'https://example.com/'); // true
 */
export function pageMatches(rules: CompiledPageRules, target: string): boolean {
  if (rules.exclude.some((rule) => ruleMatches(rule, target))) return false;
  return rules.include.length === 0 || rules.include.some((rule) => ruleMatches(rule, target));
}

/** What rules are tested against: the page's name when `page(name)` gave one, else its URL. */
export function pageTarget(page: { name?: string | null; url: string }): string {
  return page.name ? page.name : page.url;
}
