import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../build.mjs';

const sdk = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time under `dir`, 0 when it does not exist. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Vitest global setup: the server serves packages/sdk/dist/herald.js (and refuses to start
 * without it) and the e2e tests load it in Chromium, so dist/ must exist and match the source.
 * `npm test` builds first and this does nothing; a bare `npx vitest` after a source change gets
 * a rebuild of the bundles (esbuild, well under a second).
 */
export default async function ensureSdkBuilt(): Promise<void> {
  let built = 0;
  try {
    built = statSync(join(sdk, 'dist/herald.js')).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built < newest(join(sdk, 'src'))) await build();
}
