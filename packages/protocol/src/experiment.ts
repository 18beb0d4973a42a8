import type { Display, MessageDefinition, Step } from './message.js';

/**
 * Experiments and languages, the rules every Herald party applies alike: which variant of a
 * message a person gets, and which language of its content.
 */

/** One content of a message under test. */
export interface Variant {
  /** Stable id in figures and assignments: letters, digits, `_` and `-` (`A`, `B`, `short-copy`). */
  key: string;
  name: string;
  /** Relative share of the people outside the holdout (1–1000). */
  weight: number;
  steps: Step[];
  /** This variant's display, when it differs from the message's. */
  display?: Display;
}

export interface Experiment {
  /** 2–5 variants. */
  variants: Variant[];
  /** Percent of people (0–50) who see nothing: the control group. */
  holdoutPercent: number;
  /** Once declared, everyone gets this variant and the holdout ends. */
  winner?: string | null;
}

/** The assignment of a person in the holdout. */
export const HOLDOUT = 'holdout';

/** Buckets a person falls into: a holdout of 12.5% takes 1,250 of them. */
const BUCKETS = 10_000;

/**
 * The variant key (or `HOLDOUT`) of a person, from a hash of the message id and their key
 * (`a:<anonymousId>` or `u:<userId>`): the same on every node, in every tab and device, with no
 * state. Servers record it at the first exposure, so that a person keeps what they were shown
 * when their key changes (an anonymous visitor who identifies).
 *
 * @example
 * assignVariant(experiment, 'msg_1', 'u:ada'); // → 'B'
 */
export function assignVariant(experiment: Experiment, messageId: string, visitor: string): string {
  if (experiment.winner) return experiment.winner;
  const bucket = hash32(`${messageId}:${visitor}`) % BUCKETS;
  const holdout = Math.round(experiment.holdoutPercent * (BUCKETS / 100));
  if (bucket < holdout) return HOLDOUT;
  const total = experiment.variants.reduce((sum, v) => sum + v.weight, 0);
  // Where this bucket falls in the rest, as a share of the weights.
  let point = ((bucket - holdout) / (BUCKETS - holdout)) * total;
  for (const variant of experiment.variants) {
    point -= variant.weight;
    if (point < 0) return variant.key;
  }
  return experiment.variants[experiment.variants.length - 1]!.key;
}

/**
 * MurmurHash3's 32-bit finaliser over FNV-1a: cheap, and spread evenly enough that consecutive
 * ids land in unrelated buckets (FNV-1a alone keeps neighbours close in its low digits).
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The best of `available` locales for a visitor who asked for `wanted`: the same tag (case does
 * not matter), else one of the same language (`de-AT` → `de`, `pt` → `pt-BR`), else null (the
 * default content).
 *
 * @example
 * pickLocale(['de', 'pt-BR'], 'de-AT'); // → 'de'
 * pickLocale(['de'], 'fr'); // → null
 */
export function pickLocale(available: Iterable<string>, wanted: string | undefined): string | null {
  if (!wanted) return null;
  const tags = [...available];
  const lower = wanted.toLowerCase();
  const exact = tags.find((tag) => tag.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split('-')[0];
  return (
    tags.find((tag) => tag.toLowerCase() === language) ??
    tags.find((tag) => tag.toLowerCase().split('-')[0] === language) ??
    null
  );
}

/** A BCP 47 language tag as browsers send them: `de`, `pt-BR`, `zh-Hant-TW`. */
export function isLocaleTag(tag: unknown): tag is string {
  return typeof tag === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/.test(tag);
}

/** The locales a content has, over all its steps. */
export function localesOf(steps: Step[]): Set<string> {
  const locales = new Set<string>();
  for (const step of steps) for (const tag of Object.keys(step.locales ?? {})) locales.add(tag);
  return locales;
}

/** Whether any step of the message (of any variant) has a translation. */
export function isTranslated(message: Pick<MessageDefinition, 'steps' | 'experiment'>): boolean {
  const steps = [...message.steps, ...(message.experiment?.variants.flatMap((v) => v.steps) ?? [])];
  return steps.some((step) => step.locales !== undefined && Object.keys(step.locales).length > 0);
}
