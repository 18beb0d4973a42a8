import {
  type Display,
  type Experiment,
  isLocaleTag,
  type Step,
  type Variant,
} from '@herald/protocol';
import { invalid } from '../errors.js';
import { array, integer, object, text } from '../http/fields.js';
import { parseDisplay } from './definition-display.js';
import { parseTemplate, usesLiquid } from './liquid.js';

/**
 * What a message says: its steps (each with its translations), and the variants of an
 * experiment, each with steps of its own. Problems name their field as a dotted path.
 */

const KEY = /^[\w-]+$/;

export function parseSteps(
  input: unknown,
  display: Display,
  anonymous: boolean,
  field = 'steps',
): Step[] {
  const steps = array(input, field, 1, 20);
  const names = new Set<string>();
  return steps.map((item, i) => {
    const at = `${field}.${i}`;
    const raw = object(item, at);
    const name = text(raw.name, `${at}.name`, 100);
    if (!KEY.test(name)) {
      throw invalid(
        `${at}.name`,
        'may hold only letters, digits, _ and - (it is used in herald://step/<name>)',
      );
    }
    if (names.has(name)) throw invalid(`${at}.name`, `repeats the step name "${name}"`);
    names.add(name);
    const step: Step = { name, html: parseHtml(raw.html, `${at}.html`, anonymous) };
    if (raw.display !== undefined && raw.display !== null) {
      step.display = parseDisplay(raw.display, `${at}.display`, display);
    }
    if (raw.locales !== undefined && raw.locales !== null) {
      step.locales = parseLocales(raw.locales, `${at}.locales`, anonymous);
    }
    return step;
  });
}

/** `{ "de": { "html": "…" }, "pt-BR": { "html": "…" } }`; Liquid follows the message's rules. */
function parseLocales(
  input: unknown,
  field: string,
  anonymous: boolean,
): Record<string, { html: string }> {
  const raw = object(input, field);
  const tags = Object.keys(raw);
  if (tags.length > 50) throw invalid(field, 'may hold at most 50 languages');
  const seen = new Set<string>();
  const locales: Record<string, { html: string }> = {};
  for (const tag of tags) {
    if (!isLocaleTag(tag)) {
      throw invalid(`${field}.${tag}`, 'must be a language tag such as de, pt-BR or zh-Hant');
    }
    if (seen.has(tag.toLowerCase())) throw invalid(`${field}.${tag}`, 'repeats a language');
    seen.add(tag.toLowerCase());
    const content = object(raw[tag], `${field}.${tag}`);
    locales[tag] = { html: parseHtml(content.html, `${field}.${tag}.html`, anonymous) };
  }
  return locales;
}

function parseHtml(input: unknown, field: string, anonymous: boolean): string {
  const html = text(input, field, 100_000);
  if (!usesLiquid(html)) return html;
  if (anonymous) {
    throw invalid(
      field,
      'uses Liquid ({{ }} or {% %}), which anonymous messages cannot: nothing is known about an anonymous visitor',
    );
  }
  try {
    parseTemplate(html);
  } catch (error) {
    throw invalid(field, `has a Liquid error: ${(error as Error).message}`);
  }
  return html;
}

/**
 * `experiment`: 2–5 variants with weights, a holdout of 0–50%, and an optional winner (one of
 * the variant keys). Each variant's display overrides the message's.
 */
export function parseExperiment(input: unknown, display: Display, anonymous: boolean): Experiment {
  const raw = object(input, 'experiment');
  const items = array(raw.variants, 'experiment.variants', 2, 5);
  const keys = new Set<string>();
  const variants = items.map((item, i): Variant => {
    const at = `experiment.variants.${i}`;
    const variant = object(item, at);
    const key = text(variant.key, `${at}.key`, 40);
    if (!KEY.test(key) || key === 'holdout') {
      throw invalid(`${at}.key`, 'may hold only letters, digits, _ and -, and is not "holdout"');
    }
    if (keys.has(key)) throw invalid(`${at}.key`, `repeats the variant key "${key}"`);
    keys.add(key);
    const own =
      variant.display === undefined || variant.display === null
        ? undefined
        : parseDisplay(variant.display, `${at}.display`, display);
    return {
      key,
      name: text(variant.name ?? key, `${at}.name`, 200),
      weight: integer(variant.weight ?? 1, `${at}.weight`, 1, 1000),
      steps: parseSteps(variant.steps, own ?? display, anonymous, `${at}.steps`),
      ...(own ? { display: own } : {}),
    };
  });
  const experiment: Experiment = {
    variants,
    holdoutPercent: integer(raw.holdoutPercent ?? 0, 'experiment.holdoutPercent', 0, 50),
  };
  const winner = raw.winner ?? null;
  if (winner !== null) {
    if (typeof winner !== 'string' || !keys.has(winner)) {
      throw invalid('experiment.winner', 'must be the key of one of the variants, or null');
    }
    experiment.winner = winner;
  }
  return experiment;
}
