import type { Emitter } from '../core/emitter.js';
import { setDebug, warnOnce } from '../core/log.js';
import type { Herald, Traits } from '../core/types.js';
import type { Middlewares } from './middleware.js';

/**
 * The methods that Segment's and Customer.io's snippets list on top of Herald's own, so that a
 * site moving over keeps its code: `herald.trackLink(…)` works as `analytics.trackLink(…)` did.
 * The global buffers them too before load().
 */
export const COMPAT_METHODS = [
  'trackLink',
  'trackClick',
  'trackForm',
  'trackSubmit',
  'pageview',
  'once',
  'debug',
  'addSourceMiddleware',
  'addDestinationMiddleware',
  'addIntegrationMiddleware',
  'register',
] as const;

export type CompatApi = ReturnType<typeof compatMethods>;

type Elements = Element | ArrayLike<Element> | null | undefined;
/** An event name or properties, or a function of the element that answers them. */
type PerElement<T> = T | ((element: Element) => T);

/** How long a link or form waits for its event to be sent before it goes on (as in Segment). */
const SEND_WAIT_MS = 300;

// A <form> has a `length` (its controls): test for an element first.
const elementsOf = (elements: Elements): Element[] =>
  !elements
    ? []
    : elements instanceof Element
      ? [elements]
      : Array.from(elements).filter((element) => element instanceof Element);

const resolve = <T>(value: PerElement<T>, element: Element): T =>
  typeof value === 'function' ? (value as (element: Element) => T)(element) : value;

/**
 * Builds the compatibility methods over the public API. `trackLink` and `trackForm` behave as
 * Segment defines them: the event is recorded (durably queued) at once, the navigation or the
 * submission waits until it is sent or 300 ms have passed; links opening a new tab and clicks
 * with a modifier key go on untouched.
 *
 * @example
 * herald.trackLink(document.querySelector('#signup'), 'Clicked Sign Up', { plan: 'pro' });
 * herald.trackForm(document.forms[0], 'Submitted Newsletter');
 */
export function compatMethods(api: Herald, events: Emitter, middlewares: Middlewares) {
  /** Resolves once the queue has sent what it holds, or after SEND_WAIT_MS. */
  const sent = () =>
    Promise.race([api.flush(), new Promise((done) => setTimeout(done, SEND_WAIT_MS))]);
  const record = (element: Element, event: PerElement<string>, properties: unknown) =>
    api.track(resolve(event, element), resolve(properties as PerElement<Traits>, element));

  const trackLink = (links: Elements, event: PerElement<string>, properties?: unknown) => {
    for (const link of elementsOf(links)) {
      link.addEventListener('click', (click) => {
        record(link, event, properties);
        const href =
          link.getAttribute('href') ||
          link.getAttribute('xlink:href') ||
          link.getElementsByTagName('a')[0]?.getAttribute('href');
        const mouse = click as MouseEvent;
        const newTab = link.getAttribute('target') === '_blank';
        const modified = mouse.metaKey || mouse.ctrlKey || mouse.shiftKey || mouse.altKey;
        if (!href || newTab || modified) return;
        click.preventDefault();
        void sent().then(() => (location.href = new URL(href, location.href).href));
      });
    }
  };

  const trackForm = (forms: Elements, event: PerElement<string>, properties?: unknown) => {
    for (const form of elementsOf(forms)) {
      form.addEventListener('submit', (submit) => {
        submit.preventDefault();
        record(form, event, properties);
        void sent().then(() => (form as HTMLFormElement).submit());
      });
    }
  };

  return {
    trackLink,
    trackClick: trackLink,
    trackForm,
    trackSubmit: trackForm,
    /** analytics.js 1's `pageview(url)`: a page view whose path is `url`. */
    pageview: (url?: unknown) => api.page(url ? { path: String(url) } : {}),
    once(type: string, listener: (...args: unknown[]) => void) {
      const once = (...args: unknown[]) => {
        events.off(type, once);
        listener(...args);
      };
      events.on(type, once);
    },
    debug: (on?: unknown) => setDebug(on !== false),
    addSourceMiddleware: (fn: unknown) => middlewares.addSource(fn),
    addDestinationMiddleware: (name: unknown, ...fns: unknown[]) =>
      middlewares.addDestination(name, fns),
    // analytics.js 1's integration middleware ran for every destination, Herald included.
    addIntegrationMiddleware: (fn: unknown) => middlewares.addDestination('*', [fn]),
    register() {
      warnOnce('register(): analytics.js plugins do not run in Herald; use middlewares');
      return Promise.resolve();
    },
  };
}
