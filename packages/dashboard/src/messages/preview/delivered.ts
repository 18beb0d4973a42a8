import type { DeliveredMessage, Display } from '@herald/protocol';
import type { Draft } from '../draft.js';

/**
 * The draft as the SDK would receive it from GET /v1/in-app/messages, for `renderPreview`.
 * Targeting is irrelevant to a preview (it shows whatever the page), so the page rules are empty
 * and the visitor has never seen it; `test: true` says the same to anyone reading the object.
 */
export function deliveredOf(draft: Draft, messageId?: string): DeliveredMessage {
  return {
    id: messageId ?? 'preview',
    version: 0,
    deliveryId: 'preview',
    priority: draft.priority,
    launchedAt: null,
    audience: draft.audience.type,
    test: true,
    pageRules: { include: [], exclude: [] },
    frequency: draft.frequency,
    state: { views: 0, lastViewedAt: null, dismissed: false },
    endAt: null,
    display: draft.display,
    steps: draft.steps.map((step) => ({
      name: step.name,
      html: step.html,
      ...(step.display ? { display: stepDisplay(draft.display, step.display) } : {}),
    })),
  };
}

/**
 * A step's display override completed from the message's, as the server completes it on save:
 * the same type keeps the message's position and selector, another type starts afresh.
 */
function stepDisplay(base: Display, override: Partial<Display>): Display {
  const type = override.type ?? base.type;
  return type === base.type ? { ...base, ...override, type } : { ...override, type };
}

/** The display a step is shown with: its own, or the message's. */
export const displayOfStep = (message: DeliveredMessage, index: number): Display =>
  message.steps[index]?.display ?? message.display;

/** "Overlay, bottom right": what the preview shows, in words, for its status line. */
export function describeDisplay(display: Display): string {
  const type = display.type.charAt(0).toUpperCase() + display.type.slice(1);
  const where = display.type === 'inline' ? display.selector : display.position;
  return where ? `${type}, ${where.replace(/-/g, ' ')}` : type;
}
