import type { Trigger, TriggerCondition } from '@herald/protocol';
import type { Emitter } from '../core/emitter.js';
import type { HeraldEvent } from '../core/types.js';

/** A scroll back up at least this fast (px/ms) after reading down the page: exit intent on touch. */
const FLING_UP = 1.5;
/** …and only once the visitor has read this far down (px). */
const READ_DOWN = 300;

export interface Triggers {
  /** Whether the trigger's conditions hold on the current page (none: at once). */
  fired(trigger: Trigger | undefined): boolean;
  /** A new page: every condition counts from now. */
  reset(): void;
}

/**
 * What the visitor has done on the current page, for message triggers: time on it, how far it
 * was scrolled, an exit intent, the elements clicked, the events tracked. `changed` runs when
 * any of it changes (or a delay elapses), for the plugin to look again.
 *
 * @example
 * const triggers = createTriggers(emitter, evaluate);
 * triggers.fired({ match: 'any', conditions: [{ type: 'scroll', percent: 50 }] });
 */
export function createTriggers(emitter: Emitter, changed: () => void): Triggers {
  let started = Date.now();
  let depth = 0;
  let exited = false;
  let clicked: Element[] = [];
  let tracked: HeraldEvent[] = [];
  let timers: ReturnType<typeof setTimeout>[] = [];
  const due = new Set<number>();
  let lastY = scrollY;
  let lastAt = Date.now();
  let furthest = 0;
  let pending = false;
  // On touch screens there is no pointer to leave the window: a fling back up stands for it.
  const touch = matchMedia('(pointer: coarse)').matches;
  /** Once a frame at most: scroll events come by the dozen. */
  const soon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      changed();
    });
  };

  addEventListener(
    'scroll',
    () => {
      const y = scrollY;
      const now = Date.now();
      const height = document.documentElement.scrollHeight;
      depth = Math.max(depth, height > 0 ? ((y + innerHeight) / height) * 100 : 100);
      furthest = Math.max(furthest, y);
      const fling = (lastY - y) / Math.max(1, now - lastAt) >= FLING_UP;
      if (touch && furthest >= READ_DOWN && fling) {
        exited = true;
      }
      lastY = y;
      lastAt = now;
      soon();
    },
    { passive: true },
  );
  document.addEventListener('mouseout', (event) => {
    if (!event.relatedTarget && event.clientY <= 0) {
      exited = true;
      changed();
    }
  });
  document.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element) clicked.push(event.target);
      changed();
    },
    true,
  );
  emitter.on('track', (event: HeraldEvent) => {
    tracked.push(event);
    changed();
  });

  const holds = (condition: TriggerCondition): boolean => {
    switch (condition.type) {
      case 'pageLoad':
        return true;
      case 'delay': {
        const at = started + condition.seconds * 1000;
        if (Date.now() >= at) return true;
        if (!due.has(at)) {
          due.add(at);
          timers.push(setTimeout(changed, at - Date.now()));
        }
        return false;
      }
      case 'scroll':
        // A page too short to scroll is read whole.
        return depth >= condition.percent || document.documentElement.scrollHeight <= innerHeight;
      case 'exitIntent':
        return exited;
      case 'click':
        return clicked.some((element) => {
          try {
            return element.closest(condition.selector) !== null;
          } catch {
            return false;
          }
        });
      case 'event':
        return tracked.some(
          (event) =>
            event.event === condition.event &&
            Object.entries(condition.properties ?? {}).every(
              ([key, value]) => event.properties?.[key] === value,
            ),
        );
    }
  };

  return {
    fired(trigger) {
      if (!trigger) return true;
      const results = trigger.conditions.map(holds);
      return trigger.match === 'any' ? results.some(Boolean) : results.every(Boolean);
    },
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      due.clear();
      started = Date.now();
      depth = 0;
      exited = false;
      furthest = scrollY;
      clicked = [];
      tracked = [];
    },
  };
}
