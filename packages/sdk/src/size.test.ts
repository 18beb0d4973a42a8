import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Size is a feature: every byte of herald.js is downloaded on every page of every site.
// The global setup (and `npm test`'s build) makes sure dist/ matches the source.

/** The analytics core, gzipped. dist/herald.js is the core alone until the in-app plugin lands. */
export const CORE_BUDGET_BYTES = 6 * 1024;
/**
 * The whole SDK with the in-app plugin, gzipped. When the plugin joins dist/herald.js, check the
 * bundle against this and the core against CORE_BUDGET_BYTES on a core-only build.
 */
export const WHOLE_SDK_BUDGET_BYTES = 12 * 1024;

const dist = (name: string) => readFileSync(new URL(`../dist/${name}`, import.meta.url));
/** gzip at its default level, as most servers and CDNs compress. */
const gzipped = (name: string) => gzipSync(dist(name)).length;

describe('bundle size', () => {
  it(`dist/herald.js is at most ${CORE_BUDGET_BYTES} bytes gzipped`, () => {
    const size = gzipped('herald.js');
    expect(
      size,
      `herald.js is ${size} B gzipped, over its ${CORE_BUDGET_BYTES} B budget`,
    ).toBeLessThanOrEqual(CORE_BUDGET_BYTES);
  });

  it('the snippet stays under 1 KB', () => {
    expect(dist('snippet.min.js').length).toBeLessThan(1024);
  });
});
