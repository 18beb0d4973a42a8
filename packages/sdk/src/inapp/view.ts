import type { DeliveredMessage, Display, InAppEventInput, InAppEventType } from '@herald/protocol';
import type { FromFrame, ToFrame } from '../frame/protocol.js';
import { css, waitFor } from './dom.js';
import { buildChrome, type Chrome } from './layout.js';

/** Why a view left the screen. */
export type Ending = 'dismissed' | 'removed' | 'failed';

export type EventFields = Pick<InAppEventInput, 'actionName' | 'actionValue' | 'error' | 'step'>;

export interface ViewOptions {
  /** /sdk/frame.html on the Herald server, with this page's origin in its fragment. */
  frameUrl: string;
  /** How long an inline or tooltip selector, and the frame, may take to appear. */
  timeout: number;
  /** The preview's container: no anchors, positions within it. */
  container?: HTMLElement;
  report(type: InAppEventType, fields: EventFields): void;
  ended(how: Ending): void;
}

export interface View {
  message: DeliveredMessage;
  /** Takes it off the screen without a dismissal (page rules stopped matching…). */
  remove(): void;
  /** Moves to a step by name, as herald://step/<name> does. */
  step(name: string): void;
}

const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
/** Ordinary links may only go to real pages: never javascript: URLs into the host page. */
const SAFE_LINK = /^(https?|mailto|tel):/i;

/**
 * Shows one message: waits for its element (inline, tooltip), builds the chrome and the sandboxed
 * iframe, renders the current step through postMessage, and turns what the visitor does into
 * events. It reports `opened` once the message is actually in view, and ends exactly once.
 */
export function showMessage(message: DeliveredMessage, o: ViewOptions): View {
  let index = 0;
  let chrome: Chrome | undefined;
  let iframe: HTMLIFrameElement | undefined;
  let display: Display = message.display;
  let sized = false;
  let opened = false;
  let ended = false;
  let frame: number | undefined;
  let cancelWait = () => {};
  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  let observer: IntersectionObserver | undefined;
  let previousFocus: Element | null = null;
  const current = () => message.steps[index]!;
  const modal = () => display.type === 'modal';

  const place = () => {
    if (frame !== undefined || !sized) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      chrome?.place();
    });
  };
  const render = () =>
    iframe?.contentWindow?.postMessage(
      { h: 'render', html: current().html, trap: modal() } satisfies ToFrame,
      // The frame's origin is opaque ("null"): '*' is the only target that reaches it. What is
      // sent is the message itself, and only to the window this iframe holds.
      '*',
    );

  const onMessage = (event: MessageEvent<FromFrame>) => {
    if (!iframe || event.source !== iframe.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.h === 'ready') render();
    else if (data.h === 'size' && chrome) {
      css(iframe, { height: `${Math.max(0, Number(data.y) || 0)}px` });
      const label = String(data.l || 'Message');
      iframe.title = label;
      chrome.box.setAttribute('aria-label', label);
      if (!sized) {
        sized = true;
        clearTimeout(renderTimer);
        chrome.place();
        css(chrome.host, { opacity: '1', 'pointer-events': 'auto' }, true);
        if (modal()) iframe.focus();
        observer = new IntersectionObserver((entries) => {
          if (opened || !entries.some((entry) => entry.isIntersecting)) return;
          opened = true;
          observer?.disconnect();
          o.report('opened', { step: current().name });
        });
        observer.observe(iframe);
      } else place();
    } else if (data.h === 'go') act(String(data.u), String(data.t));
    else if (data.h === 'esc' && modal()) dismiss();
    else if (data.h === 'err') o.report('error', { error: String(data.m).slice(0, 500) });
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && modal()) dismiss();
  };
  // Focus that leaves an open modal (Tab out of the iframe, a click on the page) goes back in.
  const onFocus = (event: FocusEvent) => {
    if (modal() && sized && chrome && event.target !== chrome.host) iframe?.focus();
  };

  function act(url: string, target: string) {
    const herald = /^herald:\/\/([^/?#]*)\/?([^?#]*)(?:\?([^#]*))?/i.exec(url);
    if (herald) {
      const [, kind = '', rest = '', query = ''] = herald;
      const name = decodeURIComponent(rest);
      if (kind === 'close') return dismiss();
      if (kind === 'next') return index + 1 < message.steps.length ? go(index + 1) : dismiss();
      if (kind === 'step') return view.step(name);
      if (kind === 'action' && name) {
        const value = new URLSearchParams(query).get('value');
        return o.report('action', {
          actionName: name,
          actionValue: value ?? undefined,
          step: current().name,
        });
      }
      return o.report('error', { error: `unknown action ${url.slice(0, 200)}` });
    }
    let href: string;
    try {
      href = new URL(url, location.href).href;
    } catch {
      return;
    }
    if (!SAFE_LINK.test(href)) return;
    o.report('action', { actionName: href.slice(0, 200), step: current().name });
    if (target === '_blank') return void open(href, '_blank', 'noopener');
    // The visitor followed the message away from the page: it has done its job.
    dismiss();
    location.assign(href);
  }

  function go(next: number) {
    const before = JSON.stringify(display);
    index = next;
    o.report('changed', { actionName: current().name, step: current().name });
    const after = current().display ?? message.display;
    if (JSON.stringify(after) === before) return render();
    // A new display type or position: new chrome (and frame) around the same view.
    teardown();
    mount();
  }

  function mount() {
    display = current().display ?? message.display;
    const anchored = !o.container && (display.type === 'inline' || display.type === 'tooltip');
    if (!anchored) return build(null);
    cancelWait = waitFor(display.selector ?? '', o.timeout, (anchor) => {
      if (anchor) build(anchor);
      else fail(`selector ${display.selector} never appeared`);
    });
  }

  function build(anchor: Element | null) {
    sized = false;
    iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.title = 'Message';
    // Not 0 high, nor visibility: hidden, until sized: Chromium pauses the rendering of hidden
    // cross-origin frames, and the frame would never measure its content.
    css(iframe, { display: 'block', border: '0', width: '100%', height: '1px' });
    chrome = buildChrome(display, iframe, anchor, !!o.container);
    chrome.host.setAttribute('data-message-id', message.id);
    chrome.host.setAttribute('data-type', display.type);
    css(chrome.host, { opacity: '0', 'pointer-events': 'none' }, true);
    chrome.backdrop?.addEventListener('click', (event) => {
      if (event.target === chrome?.backdrop && display.dismissOnOutsideClick !== false) dismiss();
    });
    if (modal()) previousFocus = document.activeElement;
    iframe.src = o.frameUrl;
    (display.type === 'inline' && anchor ? anchor : (o.container ?? document.body)).appendChild(
      chrome.host,
    );
    renderTimer = setTimeout(() => fail('the message did not render'), o.timeout);
  }

  function teardown() {
    cancelWait();
    clearTimeout(renderTimer);
    observer?.disconnect();
    chrome?.host.remove();
    chrome = iframe = undefined;
    if (previousFocus instanceof HTMLElement) previousFocus.focus();
    previousFocus = null;
  }

  function end(how: Ending) {
    if (ended) return;
    ended = true;
    teardown();
    removeEventListener('message', onMessage);
    removeEventListener('resize', place);
    removeEventListener('scroll', place, true);
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('focusin', onFocus);
    o.ended(how);
  }
  function dismiss() {
    o.report('dismissed', { step: current().name });
    end('dismissed');
  }
  function fail(error: string) {
    o.report('error', { error });
    end('failed');
  }

  const view: View = {
    message,
    remove: () => end('removed'),
    step(name) {
      const next = message.steps.findIndex((step) => step.name === name);
      if (next < 0) o.report('error', { error: `no step named ${name.slice(0, 100)}` });
      else if (next !== index) go(next);
    },
  };
  addEventListener('message', onMessage);
  addEventListener('resize', place);
  addEventListener('scroll', place, { capture: true, passive: true });
  document.addEventListener('keydown', onKey);
  document.addEventListener('focusin', onFocus);
  mount();
  return view;
}
