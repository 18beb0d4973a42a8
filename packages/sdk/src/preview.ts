import type { DeliveredMessage } from '@herald/protocol';
import { frameUrl } from './frame/protocol.js';
import type { InAppEvent } from './inapp/events.js';
import { emitter } from './inapp/events.js';
import { createEmitter } from './core/emitter.js';
import { showMessage } from './inapp/view.js';

export interface PreviewOptions {
  /** The Herald server that serves /sdk/frame.html. Default: this page's origin. */
  host?: string;
  /** What the visitor would trigger: opened, action, changed, dismissed, error. */
  onEvent?: (event: InAppEvent) => void;
}

export interface Preview {
  /** Shows the step with this name, as herald://step/<name> would. */
  step(name: string): void;
  close(): void;
}

/**
 * Renders one message inside `container` exactly as visitors see it (same chrome, same sandboxed
 * frame), for the dashboard's live preview: no request to the in-app API, no event reported.
 * Modals, overlays and tooltips are positioned within the container, which becomes the
 * positioning context (`position: relative` unless it already has one).
 *
 * @example
 * const preview = renderPreview(document.querySelector('#preview'), message, {
 *   host: 'https://herald.example.com',
 *   onEvent: (event) => console.log(event.type, event.detail),
 * });
 * preview.step('thanks');
 */
export function renderPreview(
  container: HTMLElement,
  message: DeliveredMessage,
  options: PreviewOptions = {},
): Preview {
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  const events = createEmitter();
  if (options.onEvent) {
    for (const type of ['opened', 'dismissed', 'action', 'changed', 'error']) {
      events.on(`in-app:message-${type}`, options.onEvent as (event: never) => void);
    }
  }
  const emit = emitter({}, events);
  const view = showMessage(message, {
    frameUrl: frameUrl((options.host ?? location.origin).replace(/\/+$/, ''), location.origin),
    timeout: 10_000,
    container,
    report: (type, fields) => emit(type, message, fields),
    ended: () => {},
  });
  return { step: (name) => view.step(name), close: () => view.remove() };
}
