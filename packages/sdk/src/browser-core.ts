/**
 * The analytics core alone, without the in-app plugin: built to dist/herald-core.js only so that
 * the size test keeps the core within its own budget (it is not served).
 */
import { install } from './global.js';

try {
  install(document.currentScript);
} catch (error) {
  console.warn('[herald] could not start', error);
}
