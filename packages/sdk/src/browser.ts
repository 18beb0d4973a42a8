/** The entry of dist/herald.js, the script the Herald server serves at /sdk/herald.js. */
import { install } from './global.js';
import { inApp } from './inapp/plugin.js';

try {
  install(document.currentScript, [inApp]);
} catch (error) {
  // Never into the host page.
  console.warn('[herald] could not start', error);
}
