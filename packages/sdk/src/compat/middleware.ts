import { warn, warnOnce } from '../core/log.js';
import type { HeraldEvent } from '../core/types.js';

/** What Segment's analytics.js hands a middleware: `payload.obj` is the event itself. */
export interface MiddlewareContext {
  payload: { obj: HeraldEvent };
  integrations: Record<string, unknown> | undefined;
  /** The destination, for destination middlewares: always Herald's own delivery. */
  integration?: string;
  /** Passes the (possibly changed) payload on; `next(null)` drops the event. */
  next(payload: { obj: HeraldEvent } | null): void;
}

export type Middleware = (context: MiddlewareContext) => void;

/**
 * The destinations whose middlewares apply to what Herald sends: Herald replaces the one
 * destination of Segment (`Segment.io`) and of Customer.io (`Customer.io Data Pipelines`).
 * Middlewares of other destinations (device-mode tools Herald never loads) are accepted and
 * left out, with one console line.
 */
const OWN_DESTINATIONS = ['Herald', 'Segment.io', 'Customer.io Data Pipelines', '*'];

export interface Middlewares {
  /** `addSourceMiddleware(fn)`: runs on every event, in the order added. */
  addSource(fn: unknown): void;
  /** `addDestinationMiddleware(name, ...fns)`: runs after every source middleware. */
  addDestination(name: unknown, fns: unknown[]): void;
  /** Runs `event` through the chain; `deliver` gets what comes out, unless a middleware drops it. */
  run(event: HeraldEvent, deliver: (event: HeraldEvent) => void): void;
}

/**
 * Source and destination middlewares as Segment's analytics.js runs them: each gets the event
 * and a `next`, and may change the event, drop it, or call `next` later (asynchronously). A
 * middleware that throws drops the event with a warning: a broken filter must not let through
 * what it was meant to remove.
 *
 * @example
 * herald.addSourceMiddleware(({ payload, next }) => {
 *   delete payload.obj.properties?.email;
 *   next(payload);
 * });
 */
export function createMiddlewares(): Middlewares {
  const source: Middleware[] = [];
  const destination: Middleware[] = [];
  return {
    addSource(fn) {
      if (typeof fn === 'function') source.push(fn as Middleware);
      else warn('addSourceMiddleware() needs a function');
    },
    addDestination(name, fns) {
      if (!OWN_DESTINATIONS.includes(String(name))) {
        return warnOnce(`middlewares for destination "${String(name)}" do not apply to Herald`);
      }
      for (const fn of fns) if (typeof fn === 'function') destination.push(fn as Middleware);
    },
    run(event, deliver) {
      const chain = [...source, ...destination];
      const step = (index: number, obj: HeraldEvent) => {
        const middleware = chain[index];
        if (!middleware) return deliver(obj);
        let called = false;
        try {
          middleware({
            payload: { obj },
            integrations: obj.integrations,
            integration: index >= source.length ? 'Herald' : undefined,
            next(payload) {
              if (called) return;
              called = true;
              if (payload?.obj) step(index + 1, payload.obj);
            },
          });
        } catch (error) {
          called = true;
          warn(`a middleware threw; ${obj.type} dropped`, error);
        }
      };
      step(0, event);
    },
  };
}
