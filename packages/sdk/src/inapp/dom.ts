/**
 * DOM helpers that work under a strict Content-Security-Policy: styles go through the CSSOM
 * (`style.setProperty`), which CSP allows, never through style attributes or <style> elements,
 * which a policy without 'unsafe-inline' blocks.
 */

/** Sets inline styles (kebab-case names); `important` makes host-page rules unable to win. */
export function css(element: HTMLElement, styles: Record<string, string>, important = false): void {
  for (const name in styles)
    element.style.setProperty(name, styles[name]!, important ? 'important' : '');
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  styles: Record<string, string> = {},
  parent?: Node,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  css(element, styles);
  parent?.appendChild(element);
  return element;
}

/**
 * Waits for `selector` to match an element (a MutationObserver, for single-page apps that render
 * late); calls back with it, or with null once `timeoutMs` have passed. Answers a cancel function.
 */
export function waitFor(
  selector: string,
  timeoutMs: number,
  callback: (element: Element | null) => void,
): () => void {
  const find = () => {
    try {
      return document.querySelector(selector);
    } catch {
      return null; // An invalid selector never matches: it ends as a timeout, reported as an error.
    }
  };
  const found = find();
  if (found) {
    callback(found);
    return () => {};
  }
  const done = (element: Element | null) => {
    observer.disconnect();
    clearTimeout(timer);
    callback(element);
  };
  const observer = new MutationObserver(() => {
    const element = find();
    if (element) done(element);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  const timer = setTimeout(() => done(null), timeoutMs);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
