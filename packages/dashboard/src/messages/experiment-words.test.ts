import { describe, expect, it } from 'vitest';
import type { ExperimentFigures, VariantFigures } from '../api/types.js';
import { verdictInWords } from './experiment-words.js';

const group = {
  exposed: 0,
  views: 0,
  uniqueViewers: 0,
  dismissals: 0,
  clicks: {},
  conversions: 0,
  conversionRate: 0,
};
const variant = (comparison: VariantFigures['comparison']): VariantFigures => ({
  ...group,
  key: 'B',
  name: 'Bold',
  weight: 1,
  comparison,
});
const experiment = (control = 'holdout'): ExperimentFigures => ({
  test: 'two-proportion z-test',
  significance: 0.05,
  minimumSample: { exposed: 100, conversions: 10 },
  control,
  holdoutPercent: 10,
  winner: null,
  holdout: group,
  variants: [{ ...variant(null), key: 'A', name: 'Plain' }],
});

describe('verdictInWords', () => {
  it('says how much better, and how sure', () => {
    const v = variant({
      lift: 2.14,
      z: 2.2,
      pValue: 0.03,
      probabilityBetter: 0.972,
      verdict: 'better',
    });
    expect(verdictInWords(v, experiment())).toBe(
      'Bold converts 2.1× the holdout; 97% probability it is better.',
    );
  });

  it('says when it is worse, or not clearly different, against a variant control', () => {
    const worse = variant({
      lift: 0.5,
      z: -3,
      pValue: 0.002,
      probabilityBetter: 0.01,
      verdict: 'worse',
    });
    expect(verdictInWords(worse, experiment('A'))).toBe(
      'Bold converts 0.5× Plain; 99% probability it is worse.',
    );
    const unclear = variant({
      lift: 1.2,
      z: 1.4,
      pValue: 0.15,
      probabilityBetter: 0.92,
      verdict: 'no_difference',
    });
    expect(verdictInWords(unclear, experiment())).toBe(
      'Bold converts 1.2× the holdout; 92% probability it is better. Not a clear difference yet.',
    );
  });

  it('says when there is not enough data', () => {
    const v = variant({
      lift: null,
      z: null,
      pValue: null,
      probabilityBetter: null,
      verdict: 'not_enough_data',
    });
    expect(verdictInWords(v, experiment())).toBe(
      'Not enough data yet: each group needs 100 people and both together 10 conversions.',
    );
  });
});
