import { describe, expect, it } from 'vitest';
import { assignVariant, type Experiment, HOLDOUT, pickLocale } from './experiment.js';

const step = [{ name: 'main', html: '<p>x</p>' }];
const experiment = (holdoutPercent: number, weights: number[]): Experiment => ({
  holdoutPercent,
  variants: weights.map((weight, i) => ({
    key: String.fromCharCode(65 + i),
    name: `V${i}`,
    weight,
    steps: step,
  })),
});

describe('assignVariant', () => {
  // 10,000 visitors; a share's standard deviation is at most sqrt(0.25 / 10,000) = 0.5%, so
  // 2 percentage points is four standard deviations: a fair split never misses it.
  const TOLERANCE = 0.02;
  it.each([
    [10, [1, 1]],
    [0, [1, 1, 1]],
    [20, [3, 1]],
    [50, [1, 2, 3, 2, 2]],
  ])('splits 10,000 visitors as the weights say (holdout %i%%, weights %j)', (holdout, weights) => {
    const e = experiment(holdout, weights);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const key = assignVariant(e, 'msg_abc123', `a:visitor-${i}`);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    expect(Math.abs((counts.get(HOLDOUT) ?? 0) / 10_000 - holdout / 100)).toBeLessThan(TOLERANCE);
    weights.forEach((weight, i) => {
      const share = (counts.get(String.fromCharCode(65 + i)) ?? 0) / 10_000;
      const expected = (1 - holdout / 100) * (weight / total);
      expect(Math.abs(share - expected), `variant ${i}`).toBeLessThan(TOLERANCE);
    });
  });

  it('is the same for the same person and message, and independent across messages', () => {
    const e = experiment(10, [1, 1]);
    expect(assignVariant(e, 'msg_1', 'u:ada')).toBe(assignVariant(e, 'msg_1', 'u:ada'));
    // Across 2,000 people, two messages agree about as often as chance says (~ 0.45·0.45·2 + …).
    let same = 0;
    for (let i = 0; i < 2000; i++) {
      if (assignVariant(e, 'msg_1', `u:${i}`) === assignVariant(e, 'msg_2', `u:${i}`)) same++;
    }
    expect(same / 2000).toBeGreaterThan(0.35);
    expect(same / 2000).toBeLessThan(0.48);
  });

  it('gives everyone the winner once declared', () => {
    const e = { ...experiment(30, [1, 1]), winner: 'B' };
    for (let i = 0; i < 100; i++) expect(assignVariant(e, 'msg_1', `a:${i}`)).toBe('B');
  });
});

describe('pickLocale', () => {
  it.each([
    [['de', 'pt-BR'], 'de', 'de'],
    [['de', 'pt-BR'], 'DE', 'de'],
    [['de', 'pt-BR'], 'pt-br', 'pt-BR'],
    [['de', 'pt-BR'], 'de-AT', 'de'],
    [['de-CH', 'pt-BR'], 'de-AT', 'de-CH'],
    [['pt-BR', 'pt'], 'pt-PT', 'pt'],
    [['de'], 'fr', null],
    [['de'], undefined, null],
    [[], 'de', null],
  ])('of %j for %s is %s', (available, wanted, expected) => {
    expect(pickLocale(available, wanted)).toBe(expected);
  });
});
