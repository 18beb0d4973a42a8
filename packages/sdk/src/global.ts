import { isSnapshot, snapshot } from './core/context.js';
import { createInternal, type HeraldInternal } from './core/herald.js';
import { warn } from './core/log.js';
import type { Plugin } from './core/plugin.js';
import type { HeraldOptions } from './core/types.js';
import { METHODS } from './snippet/snippet.js';

/** What the snippet leaves on the global before herald.js arrives. */
type Stub = unknown[][] & { invoked?: boolean; _writeKey?: string; _loadOptions?: HeraldOptions };

/**
 * Puts Herald on `window[name]` (`name` from the script's `data-global`, default `herald`),
 * taking over from the snippet's stub if there is one:
 * - with the snippet, loads with the snippet's `load()` arguments and replays its calls;
 * - with `data-write-key` on the script tag, loads with defaults and records the page;
 * - otherwise waits for `herald.load(writeKey, options)`, buffering calls until then.
 * The server defaults to the one herald.js came from.
 *
 * @example
 * install(document.currentScript, [inApp]);
 */
export function install(script: HTMLOrSVGScriptElement | null, plugins: Plugin[] = []): void {
  const name = script?.getAttribute('data-global') || 'herald';
  const globals = window as unknown as Record<string, unknown>;
  const existing = globals[name] as
    Stub | (Record<string, unknown> & { invoked?: boolean }) | undefined;
  if (existing?.invoked && !Array.isArray(existing)) {
    return console.error('Herald is included twice on this page; the second copy does nothing.');
  }
  const buffer: unknown[][] = Array.isArray(existing) ? existing.slice() : [];
  const src = script && 'src' in script ? script.src : '';
  const host = src.includes('/sdk/') ? src.slice(0, src.lastIndexOf('/sdk/')) : undefined;
  let instance: HeraldInternal | undefined;

  const facade: Record<string, unknown> = { invoked: true };
  for (const method of METHODS) {
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
    load(writeKey);
    instance?.page();
  }
}
