import { useEffect } from 'react';

/** The preview screens' class: focus that lands in there is sent back out. */
export const SCREEN_CLASS = 'preview-screen';

/**
 * Keeps the focus in the editor while previews are mounted. The SDK treats a modal as the page's
 * only business: it focuses the message when it appears, and a `focusin` listener on `document`
 * pulls any focus that leaves it back in. On a visitor's page that is right; in the editor it
 * would take the caret out of the field being typed in. `inert` on the screens cannot stop it:
 * the SDK's element resets every style (`all: initial`), inertness included.
 *
 * So, while previews are mounted: focus that ends up in a screen goes back to where it was, and no
 * `focusin` reaches `document` (stopped at <html>, after the dashboard's own listeners, which
 * React attaches to its root element, have heard it). Focus moving into the message's iframe
 * fires no `focusin` in this document, only a `focusout` and the window's `blur`: after either,
 * once the move is done, the guard looks where the focus went.
 */
export function useFocusGuard(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    let outside: HTMLElement | null =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const inScreen = (element: Element | null): element is HTMLElement =>
      element instanceof HTMLElement && element.closest(`.${SCREEN_CLASS}`) !== null;
    const bringBack = (from: HTMLElement) => {
      if (outside?.isConnected && outside !== from) outside.focus({ preventScroll: true });
      else from.blur();
    };
    const onFocusIn = (event: FocusEvent) => {
      event.stopPropagation();
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (inScreen(target)) bringBack(target);
      else if (target) outside = target;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const checkSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const active = document.activeElement;
        if (inScreen(active)) bringBack(active);
      });
    };
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', checkSoon);
    window.addEventListener('blur', checkSoon);
    return () => {
      clearTimeout(timer);
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', checkSoon);
      window.removeEventListener('blur', checkSoon);
    };
  }, [enabled]);
}
