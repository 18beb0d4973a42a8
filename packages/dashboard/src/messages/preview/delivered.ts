import { type DeliveredMessage, type Display, inInbox } from '@herald/protocol';
import type { Draft } from '../draft.js';

/**
 * The draft as the SDK would receive it from GET /v1/in-app/messages, for `renderPreview`.
 * Targeting is irrelevant to a preview (it shows whatever the page), so the page rules are empty
 * and the visitor has never seen it; `test: true` says the same to anyone reading the object.
 */
export function deliveredOf(
  draft: Draft,
  messageId?: string,
  { variant = 0, locale = null }: { variant?: number; locale?: string | null } = {},
): DeliveredMessage {
  const chosen =
    draft.experiment?.variants[Math.min(variant, draft.experiment.variants.length - 1)];
  const display = chosen?.display ?? draft.display;
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
    display,
    // A language the step lacks shows its default, as visitors would see it.
    steps: (chosen?.steps ?? draft.steps).map((step) => ({
      name: step.name,
      html: (locale && step.locales?.[locale]?.html) || step.html,
      ...(step.display ? { display: stepDisplay(display, step.display) } : {}),
    })),
    locale,
    ...(chosen ? { variant: chosen.key } : {}),
    ...(inInbox(draft)
      ? {
          inbox: {
            topic: draft.inbox?.topic ?? null,
            title: draft.inbox?.title ?? null,
            at: 0,
            readAt: null,
            expiresAt: null,
          },
        }
      : {}),
  };
}

/**
 * The message as an app shows it (packages/react-native): overlays become banners across the top
 * or the bottom of the screen; tooltips, which point at web elements, do not show at all.
 */
export function appLook(message: DeliveredMessage): DeliveredMessage {
  const look = (display: Display): Display =>
    display.type === 'overlay'
      ? {
          ...display,
          position: (display.position ?? 'bottom').startsWith('top')
            ? 'top-center'
            : 'bottom-center',
          width: '100%',
        }
      : display;
  return {
    ...message,
    display: look(message.display),
    steps: message.steps.map((step) =>
      step.display ? { ...step, display: look(step.display) } : step,
    ),
  };
}

/** Where the preview shows the message: on the page, or opened in the inbox. */
export type Surface = 'page' | 'inbox';

/**
 * The message as the inbox shows it when opened: inside the panel, as inline content (every
 * step's own display is the page's business).
 */
export function inInboxPanel(message: DeliveredMessage): DeliveredMessage {
  return {
    ...message,
    display: { type: 'inline' },
    steps: message.steps.map(({ name, html }) => ({ name, html })),
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
  if (display.type === 'inbox') return 'Inbox only';
  const type = display.type.charAt(0).toUpperCase() + display.type.slice(1);
  const where = display.type === 'inline' ? display.selector : display.position;
  return where ? `${type}, ${where.replace(/-/g, ' ')}` : type;
}
