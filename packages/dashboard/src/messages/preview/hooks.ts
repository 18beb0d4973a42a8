import { type RefObject, useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `delay` ms: the preview re-renders after typing pauses. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** The element's content width, kept up to date as the window (or the layout) resizes. */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.floor(entry?.contentRect.width ?? 0)),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Whether the element is on screen or nearly. Chromium stops rendering cross-origin frames that
 * are off screen, so a message frame mounted there would never report its size and the SDK would
 * give up on it: the preview renders only while it can be seen.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      ([entry]) => setNear(entry?.isIntersecting ?? false),
      {
        rootMargin: '200px 0px',
      },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}
