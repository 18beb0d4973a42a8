import { type DependencyList, useEffect, useRef, useState } from 'react';

/** How often live screens (a segment's count, figures) ask again while visible. */
export const LIVE_POLL_MS = 3000;

export interface PolledState<T> {
  data: T | undefined;
  /** The last poll's error; the data of the poll before stays. */
  error: unknown;
  /** Polls now, e.g. after a change made on this screen. */
  refresh: () => void;
}

/**
 * Runs `load` now and again every `everyMs` while the page is visible: nothing while the tab is
 * hidden, an immediate poll when it is shown again, and nothing after unmount. One request at a
 * time: the next waits for the previous answer.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  everyMs: number,
  deps: DependencyList,
  /** While true, nothing is asked (e.g. while the thing may be being deleted). */
  paused = false,
): PolledState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    if (paused) return;
    let active = true;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const visible = () => document.visibilityState === 'visible';
    const poll = async () => {
      clearTimeout(timer);
      timer = undefined;
      if (!active || busy || !visible()) return;
      busy = true;
      try {
        const value = await latest.current();
        if (active) {
          setData(value);
          setError(undefined);
        }
      } catch (reason) {
        if (active) setError(reason);
      } finally {
        busy = false;
      }
      if (active && visible()) timer = setTimeout(() => void poll(), everyMs);
    };
    const onVisibility = () => {
      if (visible()) void poll();
      else clearTimeout(timer);
    };
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      active = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
    // The caller's deps decide when to start over; `load` is a fresh closure on every render.
  }, [...deps, everyMs, paused, generation]);
  return { data, error, refresh: () => setGeneration((g) => g + 1) };
}
