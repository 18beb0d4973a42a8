/**
 * How a variant compares with its control: a two-sided two-proportion z-test on conversion
 * rates (conversions per exposed person) decides; the probability that the variant's true rate
 * beats the control's (Beta(1 + c, 1 + n − c) posteriors, in their normal approximation) is
 * given beside it because marketers read it more easily than a p-value.
 *
 * @example
 * compare({ exposed: 1000, conversions: 120 }, { exposed: 1000, conversions: 100 });
 * // → { lift: 1.2, z: 1.43, pValue: 0.153, probabilityBetter: 0.92, verdict: 'no_difference' }
 */

export interface Group {
  exposed: number;
  conversions: number;
}

export type Verdict = 'not_enough_data' | 'better' | 'worse' | 'no_difference';

export interface Comparison {
  /** The variant's rate over the control's; null when the control has not converted anyone. */
  lift: number | null;
  z: number | null;
  pValue: number | null;
  probabilityBetter: number | null;
  verdict: Verdict;
}

/** Below this many exposed people in either group, or conversions in both, nothing is said. */
export const MINIMUM_SAMPLE = { exposed: 100, conversions: 10 };
/** The p-value under which a difference is called real. */
export const SIGNIFICANCE = 0.05;

export function compare(variant: Group, control: Group): Comparison {
  const rate = (g: Group) => (g.exposed === 0 ? 0 : g.conversions / g.exposed);
  const [p1, p0] = [rate(variant), rate(control)];
  const lift = p0 === 0 ? null : round(p1 / p0, 4);
  const enough =
    variant.exposed >= MINIMUM_SAMPLE.exposed &&
    control.exposed >= MINIMUM_SAMPLE.exposed &&
    variant.conversions + control.conversions >= MINIMUM_SAMPLE.conversions;
  if (!enough) {
    return { lift, z: null, pValue: null, probabilityBetter: null, verdict: 'not_enough_data' };
  }
  const pooled = (variant.conversions + control.conversions) / (variant.exposed + control.exposed);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / variant.exposed + 1 / control.exposed));
  const z = se === 0 ? 0 : (p1 - p0) / se;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  const verdict: Verdict = pValue >= SIGNIFICANCE ? 'no_difference' : z > 0 ? 'better' : 'worse';
  return {
    lift,
    z: round(z, 4),
    pValue: round(pValue, 6),
    probabilityBetter: round(probabilityBetter(variant, control), 4),
    verdict,
  };
}

/** P(rate of `a` > rate of `b`) under uniform priors, by the normal approximation of the Betas. */
function probabilityBetter(a: Group, b: Group): number {
  const beta = (g: Group) => {
    const [alpha, beta] = [1 + g.conversions, 1 + g.exposed - g.conversions];
    const mean = alpha / (alpha + beta);
    return { mean, variance: (mean * (1 - mean)) / (alpha + beta + 1) };
  };
  const [x, y] = [beta(a), beta(b)];
  return normalCdf((x.mean - y.mean) / Math.sqrt(x.variance + y.variance));
}

/** Φ(x), from erf by Abramowitz and Stegun 7.1.26 (absolute error under 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
