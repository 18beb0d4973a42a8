import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Size is a feature: every byte of herald.js is downloaded on every page of every site.
// The global setup (and `npm test`'s build) makes sure dist/ matches the source.

/** The analytics core alone, gzipped: dist/herald-core.js, a build without the in-app plugin. */
export const CORE_BUDGET_BYTES = 6 * 1024;
/**
 * The whole SDK with the in-app plugin, gzipped: dist/herald.js, what sites download. 14 KB
 * with triggers and the inbox (the inbox's launcher loads lazily, outside it).
 */
export const WHOLE_SDK_BUDGET_BYTES = 14 * 1024;
/** The document every message is shown in, loaded once per message. */
export const FRAME_BUDGET_BYTES = 2 * 1024;
/** The inbox's launcher, loaded only by sites that show it. */
export const LAUNCHER_BUDGET_BYTES = 4 * 1024;

const dist = (name: string) => readFileSync(new URL(`../dist/${name}`, import.meta.url));
/** gzip at its default level, as most servers and CDNs compress. */
const gzipped = (name: string) => gzipSync(dist(name)).length;

describe('bundle size', () => {
  it.each([
    ['herald.js', WHOLE_SDK_BUDGET_BYTES],
    ['herald-core.js', CORE_BUDGET_BYTES],
    ['frame.js', FRAME_BUDGET_BYTES],
    ['inbox.js', LAUNCHER_BUDGET_BYTES],
  ])('dist/%s is within its gzipped budget (%i bytes)', (name, budget) => {
    const size = gzipped(name);
    expect(size, `${name} is ${size} B gzipped, over its ${budget} B budget`).toBeLessThanOrEqual(
      budget,
    );
  });

  it('the core-only build has none of the in-app plugin', () => {
    expect(dist('herald-core.js').toString()).not.toContain('/v1/in-app/');
    expect(dist('herald.js').toString()).toContain('/v1/in-app/');
  });

  it('the snippet stays under 1 KB', () => {
    expect(dist('snippet.min.js').length).toBeLessThan(1024);
  });
});
