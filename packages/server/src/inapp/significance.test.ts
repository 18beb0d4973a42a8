import { describe, expect, it } from 'vitest';
import { compare, normalCdf } from './significance.js';

describe('normalCdf', () => {
  // Φ from statistical tables.
  it.each([
    [0, 0.5],
    [1, 0.841345],
    [1.959964, 0.975],
    [-1.644854, 0.05],
    [3, 0.99865],
  ])('Φ(%f) = %f', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 5);
  });
});

describe('compare (two-proportion z-test)', () => {
  it('matches the textbook values: 120/1000 against 100/1000', () => {
    // pooled p = 0.11, se = sqrt(0.11 · 0.89 · 0.002) = 0.013994, z = 0.02 / se = 1.42915,
    // two-sided p = 2 · (1 − Φ(1.42915)) = 0.15295 (scipy: 0.152951).
    const result = compare(
      { exposed: 1000, conversions: 120 },
      { exposed: 1000, conversions: 100 },
    );
    expect(result.z).toBeCloseTo(1.4292, 3);
    expect(result.pValue).toBeCloseTo(0.15295, 4);
    expect(result.lift).toBe(1.2);
    expect(result.verdict).toBe('no_difference');
    // Beta posteriors: the variant is better with probability ≈ Φ(0.02 / 0.01399) ≈ 0.92.
    expect(result.probabilityBetter).toBeCloseTo(0.923, 2);
  });

  it('calls a large enough difference better, or worse', () => {
    const better = compare(
      { exposed: 5000, conversions: 600 },
      { exposed: 5000, conversions: 500 },
    );
    // z = 0.02 / sqrt(0.11 · 0.89 · 0.0004) = 3.1958, p = 0.001394.
    expect(better.z).toBeCloseTo(3.1958, 3);
    expect(better.pValue).toBeCloseTo(0.001394, 5);
    expect(better.verdict).toBe('better');
    expect(better.probabilityBetter).toBeGreaterThan(0.99);
    const worse = compare({ exposed: 5000, conversions: 500 }, { exposed: 5000, conversions: 600 });
    expect(worse.verdict).toBe('worse');
    expect(worse.z).toBeCloseTo(-3.1958, 3);
  });

  it('says nothing below the minimum sample', () => {
    expect(compare({ exposed: 99, conversions: 50 }, { exposed: 1000, conversions: 10 })).toEqual({
      lift: 50.5051,
      z: null,
      pValue: null,
      probabilityBetter: null,
      verdict: 'not_enough_data',
    });
    expect(
      compare({ exposed: 500, conversions: 4 }, { exposed: 500, conversions: 5 }).verdict,
    ).toBe('not_enough_data');
    expect(compare({ exposed: 500, conversions: 4 }, { exposed: 500, conversions: 0 }).lift).toBe(
      null,
    );
  });
});
