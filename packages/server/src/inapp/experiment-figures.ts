import { type Experiment, HOLDOUT } from '@herald/protocol';
import type { MessageSplits, SplitFigures } from '../store/splits.js';
import { type Comparison, compare, MINIMUM_SAMPLE, SIGNIFICANCE } from './significance.js';

export interface VariantFigures extends SplitFigures {
  key: string;
  name: string;
  weight: number;
  /** Against the control; null for the control itself. */
  comparison: Comparison | null;
}

/** What `GET …/messages/:id/metrics` adds for a message with an experiment. */
export interface ExperimentFigures {
  /** How variants are judged (significance.ts). */
  test: 'two-proportion z-test';
  significance: number;
  minimumSample: typeof MINIMUM_SAMPLE;
  /** `holdout`, or the first variant's key when there is no holdout. */
  control: string;
  holdoutPercent: number;
  winner: string | null;
  holdout: SplitFigures | null;
  variants: VariantFigures[];
}

/**
 * Each variant side by side, compared with the holdout (or, without one, with the first
 * variant). Every variant is listed, those nobody has seen yet too.
 *
 * @example
 * experimentFigures(message.experiment, await store.splits.of(message.id));
 */
export function experimentFigures(
  experiment: Experiment,
  splits: MessageSplits,
): ExperimentFigures {
  const empty = (): SplitFigures => ({
    exposed: 0,
    views: 0,
    uniqueViewers: 0,
    dismissals: 0,
    clicks: {},
    conversions: 0,
    conversionRate: 0,
  });
  const of = (key: string) => splits.byVariant.get(key) ?? empty();
  const heldOut = splits.byVariant.get(HOLDOUT);
  const hasHoldout = experiment.holdoutPercent > 0 || heldOut !== undefined;
  const control = hasHoldout ? HOLDOUT : experiment.variants[0]!.key;
  const controlFigures = of(control);
  return {
    test: 'two-proportion z-test',
    significance: SIGNIFICANCE,
    minimumSample: MINIMUM_SAMPLE,
    control,
    holdoutPercent: experiment.holdoutPercent,
    winner: experiment.winner ?? null,
    holdout: hasHoldout ? controlFigures : null,
    variants: experiment.variants.map(({ key, name, weight }) => ({
      key,
      name,
      weight,
      ...of(key),
      comparison: key === control ? null : compare(of(key), controlFigures),
    })),
  };
}
