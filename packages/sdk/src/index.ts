/**
 * The ESM build, for sites that bundle their code:
 *
 * @example
 * import { createHerald } from '@herald/sdk';
 * const herald = createHerald('WRITE_KEY', { host: 'https://herald.example.com' });
 * herald.identify('user-42', { plan: 'pro' });
 */
export { createHerald } from './core/herald.js';
export type {
  CallOptions,
  CookieOptions,
  Herald,
  HeraldEvent,
  HeraldOptions,
  Listener,
  Traits,
} from './core/types.js';
