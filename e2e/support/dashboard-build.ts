import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dashboard = fileURLToPath(new URL('../../packages/dashboard/', import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the dashboard (Vite) when dist/ is missing or older than its source, so that a bare
 * `npx vitest` tests what the source says. `npm test` builds first and this does nothing.
 * A Vitest global setup: it runs once before any worker starts a server (the server reads dist/
 * once, at start), so two test files never rebuild dist/ under each other.
 */
export default function ensureDashboardBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(dashboard, 'dist/index.html')).mtimeMs;
  } catch {
    // Not built yet.
  }
  const source = Math.max(
    newest(join(dashboard, 'src')),
    statSync(join(dashboard, 'index.html')).mtimeMs,
  );
  if (built >= source) return;
  const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: dashboard,
    stdio: 'inherit',
  });
}
