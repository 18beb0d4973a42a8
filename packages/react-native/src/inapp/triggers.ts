import type { Trigger, TriggerCondition } from '@herald/protocol';

/**
 * Triggers on a screen of an app: `pageLoad` (at once), `delay` (seconds on the screen) and
 * `event` (a `track()` on this screen with the given properties). Scrolling, exit intent and
 * clicks on selectors are web gestures: on mobile those conditions never hold, so a message
 * waiting only for them shows on the web alone, and `any` with another condition still works.
 */
export function createScreenTriggers(changed: () => void) {
  let since = Date.now();
  let tracked: Array<{ event: string; properties: Record<string, unknown> }> = [];
  /** One timer, for the earliest delay still to come. */
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt = Infinity;
  const wake = (at: number) => {
    if (at >= wakeAt) return;
    clearTimeout(timer);
    wakeAt = at;
    timer = setTimeout(
      () => {
        wakeAt = Infinity;
        changed();
      },
      at - Date.now() + 10,
    );
  };

  const holds = (condition: TriggerCondition): boolean => {
    switch (condition.type) {
      case 'pageLoad':
        return true;
      case 'delay': {
        const due = since + condition.seconds * 1000;
        if (Date.now() >= due) return true;
        wake(due);
        return false;
      }
      case 'event':
        return tracked.some(
          (t) =>
            t.event === condition.event &&
            Object.entries(condition.properties ?? {}).every(
              ([key, value]) => String(t.properties[key]) === String(value),
            ),
        );
      default:
        return false;
    }
  };
  return {
    fired(trigger: Trigger | undefined): boolean {
      if (!trigger || trigger.conditions.length === 0) return true;
      const results = trigger.conditions.map(holds);
      return trigger.match === 'any' ? results.some(Boolean) : results.every(Boolean);
    },
    tracked(event: string, properties: Record<string, unknown>): void {
      tracked.push({ event, properties });
      changed();
    },
    /** A new screen: every condition counts from now. */
    reset(): void {
      since = Date.now();
      tracked = [];
      this.stop();
    },
    stop(): void {
      clearTimeout(timer);
      wakeAt = Infinity;
    },
  };
}
