/**
 * The snippet that sites paste into their pages; the build turns it into dist/snippet.min.js,
 * shown in the README. It is a stub: until herald.js arrives, every method records its call with
 * the page it was made on, and `load()` fetches herald.js, which replays the calls in order.
 * Every byte here is paid on every page view of every site, so it does the least it can.
 */

/** The methods of the public API that may be called before herald.js has loaded. */
export const METHODS = [
  'identify',
  'track',
  'page',
  'screen',
  'alias',
  'group',
  'reset',
  'ready',
  'on',
  'off',
  'setAnonymousId',
  'setLocale',
  'optOut',
  'optIn',
];

/**
 * Installs the stub on `w[name]`, then runs `setup` (the site's first calls: `load`, `page`…).
 * A second copy on the same page logs an error and does nothing, its `setup` included, which is
 * why the site's calls belong inside `setup` rather than after the snippet (where they work too).
 *
 * @example
 * snippet(window, document, 'herald', 'https://herald.example.com', function () {
 *   herald.load('WRITE_KEY');
 *   herald.page();
 * });
 */
// The stub is an array with methods hung on it, on an untyped global: `any` is the honest type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function snippet(w: any, d: Document, name: string, host: string, setup?: () => void): void {
  const herald = (w[name] = w[name] || []);
  if (herald.invoked) return console.error('Herald snippet included twice.');
  herald.invoked = true;
  for (const method of METHODS) {
    herald[method] = (...args: unknown[]) => {
      herald.push([
        method,
        ...args,
        { __t: 'hpc', u: location.href, r: d.referrer, t: d.title, d: Date.now() },
      ]);
      return herald;
    };
  }
  herald.load = (writeKey: string, options?: { host?: string }) => {
    const script = d.createElement('script');
    script.async = true;
    script.src = ((options && options.host) || host) + '/sdk/herald.js';
    script.setAttribute('data-global', name);
    d.head.appendChild(script);
    herald._writeKey = writeKey;
    herald._loadOptions = options;
  };
  if (setup) setup();
}
