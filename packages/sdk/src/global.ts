import { isSnapshot, snapshot } from './core/context.js';
import { createInternal, type HeraldInternal } from './core/herald.js';
import { warn } from './core/log.js';
import type { Plugin } from './core/plugin.js';
import type { HeraldOptions } from './core/types.js';
import { METHODS } from './snippet/snippet.js';
import { COMPAT_METHODS } from './compat/methods.js';

/**
 * Where herald.js is served, and the global each path's own stub uses: Herald's `/sdk/`, and
 * the paths of Customer.io's and Segment's snippets, so that their stubs load Herald with only
 * the host changed. Everything before the match is the Herald server (a path prefix is kept).
 */
const SCRIPT_PATHS: [RegExp, string][] = [
  [/\/sdk\/[^/]*$/, 'herald'],
  [/\/v1\/analytics-js\/snippet\/[^/]+\/[^/]*$/, 'cioanalytics'],
  [/\/analytics\.js\/v1\/[^/]+\/[^/]*$/, 'analytics'],
];

/** The global the stub that loaded us lives on: named by the tag's attributes or its path. */
function globalName(script: HTMLOrSVGScriptElement | null, path: string | undefined): string {
  return (
    script?.getAttribute('data-global') ||
    script?.getAttribute('data-global-customerio-analytics-key') ||
    script?.getAttribute('data-global-segment-analytics-key') ||
    path ||
    'herald'
  );
}

/** What the snippet leaves on the global before herald.js arrives. */
type Stub = unknown[][] & { invoked?: boolean; _writeKey?: string; _loadOptions?: HeraldOptions };

/**
 * Puts Herald on `window[name]` (`name` from the script's `data-global`, or the global of the
 * Customer.io or Segment stub that loaded it, default `herald`), taking over from the snippet's
 * stub if there is one (Herald's, Customer.io's or Segment's: they buffer calls alike):
 * - with the snippet, loads with the snippet's `load()` arguments and replays its calls;
 * - with `data-write-key` on the script tag, loads with defaults and records the page
 *   (`data-anonymous-in-app="true"` adds anonymous messages);
 * - otherwise waits for `herald.load(writeKey, options)`, buffering calls until then.
 * The server defaults to the one herald.js came from.
 *
 * @example
 * install(document.currentScript, [inApp]);
 */
export function install(script: HTMLOrSVGScriptElement | null, plugins: Plugin[] = []): void {
  const src = (script && 'src' in script && script.src.split(/[?#]/)[0]) || '';
  const served = SCRIPT_PATHS.find(([path]) => path.test(src));
  const name = globalName(script, served?.[1]);
  const globals = window as unknown as Record<string, unknown>;
  const existing = globals[name] as
    Stub | (Record<string, unknown> & { invoked?: boolean }) | undefined;
  if (existing?.invoked && !Array.isArray(existing)) {
    return console.error('Herald is included twice on this page; the second copy does nothing.');
  }
  const buffer: unknown[][] = Array.isArray(existing) ? existing.slice() : [];
  const host = served ? src.replace(served[0], '') : undefined;
  let instance: HeraldInternal | undefined;

  const facade: Record<string, unknown> = { invoked: true };
  for (const method of [...METHODS, ...COMPAT_METHODS]) {
    facade[method] = (...args: unknown[]) => {
      if (!isSnapshot(args[args.length - 1])) args.push({ __t: 'hpc', ...snapshot() });
      buffer.push([method, ...args]);
    };
  }
  const load = (writeKey: unknown, options?: HeraldOptions) => {
    try {
      if (instance) return warn('load() was called twice; the second call does nothing');
      if (typeof writeKey !== 'string' || !writeKey) return warn('load() needs a write key');
      instance = createInternal(writeKey, { ...options, host: options?.host ?? host }, plugins);
      Object.assign(facade, instance);
      for (const call of buffer.splice(0)) instance.replay(call);
    } catch (error) {
      warn('load() failed', error);
    }
  };
  facade.load = load;
  globals[name] = facade;

  const stub = existing as Stub | undefined;
  const writeKey = script?.getAttribute('data-write-key');
  if (stub?._writeKey) load(stub._writeKey, stub._loadOptions);
  else if (writeKey) {
    // The one-tag install needs no inline script, so a strict CSP needs no exception.
    load(writeKey, { anonymousInApp: script?.getAttribute('data-anonymous-in-app') === 'true' });
    instance?.page();
  }
}
