import {
  assignVariant,
  type Display,
  HOLDOUT,
  localesOf,
  type Message,
  pickLocale,
  type Step,
} from '@herald/protocol';
import type { Template } from 'liquidjs';
import { parseTemplate, usesLiquid } from './liquid.js';

/**
 * What one visitor is shown of a message: the variant of its experiment they are assigned to
 * (or nothing, in the holdout), in the best of its languages for them. Each content is prepared
 * once per message version (Liquid parsed, shared JSON serialised) and reused for every visitor
 * who gets the same.
 */
export interface PreparedContent {
  /** The variant key, or undefined for a message without an experiment. */
  variant?: string;
  /** True in the holdout: the person is exposed to nothing. */
  heldOut: boolean;
  /** The language shown; null for the default content. */
  locale: string | null;
  display: Display;
  steps: PreparedStep[];
  /** Whether any step needs rendering for the person (Liquid). */
  personalised: boolean;
  /** `"display":…,"steps":[…],"variant":…,"locale":…` as delivered, for unpersonalised content. */
  json: string;
}

export interface PreparedStep {
  name: string;
  html: string;
  display?: Display;
  template?: Template[];
}

/** The contents of one message version, by variant and language, prepared on first use. */
export class MessageContents {
  private readonly cache = new Map<string, PreparedContent>();
  private readonly locales = new Map<string, Set<string>>();

  constructor(private readonly message: Message) {}

  /** The default: the message's own steps (its first variant's, with an experiment). */
  get default(): PreparedContent {
    return this.of(this.message.experiment?.variants[0]?.key, null);
  }

  /**
   * What `visitor` gets: their recorded variant (`assigned`, from their first exposure) or else
   * their assignment, in the best language for `wanted`.
   */
  forVisitor(visitor: string, assigned: string | undefined, wanted: string | undefined) {
    const { experiment } = this.message;
    if (!experiment) return this.of(undefined, this.localeFor(undefined, wanted));
    // A declared winner ends the holdout and every other variant, recorded or not.
    const variant =
      experiment.winner ?? assigned ?? assignVariant(experiment, this.message.id, visitor);
    const known = variant === HOLDOUT || experiment.variants.some((v) => v.key === variant);
    const key = known ? variant : experiment.variants[0]!.key;
    return this.of(key, key === HOLDOUT ? null : this.localeFor(key, wanted));
  }

  /**
   * A variant (default: the first) in the best language for `wanted`, whoever asks: test
   * sends and previews, which must show something even to a person in the holdout.
   */
  preview(variant: string | undefined, wanted: string | undefined): PreparedContent {
    const { experiment } = this.message;
    const key =
      experiment?.variants.find((v) => v.key === variant)?.key ?? experiment?.variants[0]!.key;
    return this.of(key, this.localeFor(key, wanted));
  }

  private localeFor(variant: string | undefined, wanted: string | undefined): string | null {
    if (!wanted) return null;
    const key = variant ?? '';
    let available = this.locales.get(key);
    if (!available) {
      available = localesOf(this.stepsOf(variant));
      this.locales.set(key, available);
    }
    return pickLocale(available, wanted);
  }

  private stepsOf(variant: string | undefined): Step[] {
    return (
      this.message.experiment?.variants.find((v) => v.key === variant)?.steps ?? this.message.steps
    );
  }

  private of(variant: string | undefined, locale: string | null): PreparedContent {
    const key = `${variant ?? ''}|${locale ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const content = variant === HOLDOUT ? this.holdout() : this.prepare(variant, locale);
    this.cache.set(key, content);
    return content;
  }

  private holdout(): PreparedContent {
    const { display } = this.message;
    const json = `"display":${JSON.stringify(display)},"steps":[],"variant":"${HOLDOUT}","heldOut":true,"locale":null`;
    return {
      variant: HOLDOUT,
      heldOut: true,
      locale: null,
      display,
      steps: [],
      personalised: false,
      json,
    };
  }

  private prepare(variant: string | undefined, locale: string | null): PreparedContent {
    const { message } = this;
    const own = message.experiment?.variants.find((v) => v.key === variant);
    const display = own?.display ?? message.display;
    const identified = message.audience.type === 'identified';
    const steps = this.stepsOf(variant).map((step): PreparedStep => {
      const html = (locale && step.locales?.[locale]?.html) || step.html;
      const prepared: PreparedStep = { name: step.name, html };
      if (step.display) prepared.display = step.display as Display;
      if (identified && usesLiquid(html)) prepared.template = parseTemplate(html);
      return prepared;
    });
    const json = [
      `"display":${JSON.stringify(display)}`,
      `"steps":${JSON.stringify(steps.map(({ name, html, display: d }) => (d ? { name, html, display: d } : { name, html })))}`,
      ...(variant === undefined ? [] : [`"variant":${JSON.stringify(variant)}`]),
      `"locale":${JSON.stringify(locale)}`,
    ].join(',');
    return {
      ...(variant === undefined ? {} : { variant }),
      heldOut: false,
      locale,
      display,
      steps,
      personalised: steps.some((s) => s.template !== undefined),
      json,
    };
  }
}
