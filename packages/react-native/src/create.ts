import { createAnalytics, type Herald, type HeraldOptions } from './core/herald';
import { createInApp, type InAppOptions } from './inapp/controller';

/**
 * A Herald client for an app: analytics (identify, track, screen…) and in-app messages, shown by
 * `<HeraldProvider>` and `<HeraldInline>`.
 *
 * @example
 * const herald = createHerald({ writeKey: 'wk_…', host: 'https://herald.example.com',
 *   anonymousInApp: true });
 * export default function App() {
 *   return <HeraldProvider herald={herald}><Navigation /></HeraldProvider>;
 * }
 */
export function createHerald(options: HeraldOptions & InAppOptions): Herald {
  const herald = createAnalytics(options);
  if (options.inApp === false) return herald;
  const inApp = createInApp(
    herald.core,
    options.stream === undefined ? {} : { stream: options.stream },
  );
  const close = herald.close;
  return Object.assign(herald, {
    inApp,
    close() {
      inApp.close();
      close();
    },
  });
}
