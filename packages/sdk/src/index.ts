/**
 * The ESM build, for sites that bundle their code:
 *
 * @example
 * import { createHerald } from '@herald/sdk';
 * const herald = createHerald('WRITE_KEY', {
 *   host: 'https://herald.example.com',
 *   integrations: { 'In-App': { anonymousInApp: true } },
 * });
 * herald.identify('user-42', { plan: 'pro' });
 */
import { createInternal } from './core/herald.js';
import type { Herald, HeraldOptions } from './core/types.js';
import { inApp } from './inapp/plugin.js';

/**
 * Creates a Herald client, with the in-app plugin (on when `integrations["In-App"]` says so).
 *
 * @example
 * const herald = createHerald('WRITE_KEY', { host: 'https://herald.example.com' });
 * herald.page();
 */
export function createHerald(writeKey: string, options?: HeraldOptions): Herald {
  return createInternal(writeKey, options, [inApp]);
}

export { renderPreview, type Preview, type PreviewOptions } from './preview.js';
export type { InAppEvent, InAppEventDetail, InAppSettings } from './inapp/events.js';
export type {
  CallOptions,
  CookieOptions,
  Herald,
  HeraldEvent,
  HeraldOptions,
  Listener,
  Traits,
} from './core/types.js';
