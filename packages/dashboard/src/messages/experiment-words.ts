import type { ExperimentFigures, VariantFigures } from '../api/types.js';

const percent = (p: number) =>
  `${(p * 100).toLocaleString('en', { maximumFractionDigits: p > 0.99 && p < 1 ? 1 : 0 })}%`;
const times = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: 1 })}×`;

/**
 * A variant's result against the control, in words a marketer reads:
 * "Bold converts 2.1× the holdout; 97% probability it is better."
 *
 * @example
 * verdictInWords(figures.variants[1], figures); // 'Not enough data yet: …'
 */
export function verdictInWords(variant: VariantFigures, experiment: ExperimentFigures): string {
  const control =
    experiment.control === 'holdout'
      ? 'the holdout'
      : (experiment.variants.find((v) => v.key === experiment.control)?.name ?? 'the control');
  const comparison = variant.comparison;
  if (!comparison)
    return experiment.control === 'holdout' ? '' : 'The control the others are measured against.';
  if (comparison.verdict === 'not_enough_data') {
    const { exposed, conversions } = experiment.minimumSample;
    return `Not enough data yet: each group needs ${exposed} people and both together ${conversions} conversions.`;
  }
  const lift =
    comparison.lift === null
      ? `converts where ${control} has not yet`
      : `converts ${times(comparison.lift)} ${control}`;
  const probability = comparison.probabilityBetter ?? 0;
  const chance =
    probability >= 0.5
      ? `${percent(probability)} probability it is better`
      : `${percent(1 - probability)} probability it is worse`;
  const verdict = comparison.verdict === 'no_difference' ? ' Not a clear difference yet.' : '';
  return `${variant.name} ${lift}; ${chance}.${verdict}`;
}
