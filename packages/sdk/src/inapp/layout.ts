import type { Display } from '@herald/protocol';
import { css, el } from './dom.js';

/**
 * The chrome around a message's iframe, one layout per display type, positioned with fixed
 * positioning so that the host page's layout never shifts (inline messages excepted: they are
 * part of the page by design). Everything lives in a closed shadow root on a `<herald-message>`
 * element whose own styles are `all: initial !important`: host styles can't reach in, and ours,
 * all inline in the shadow tree, can't leak out.
 */
export interface Chrome {
  /** The element in the host page. */
  host: HTMLElement;
  /** The card holding the iframe: a dialog for modals. */
  box: HTMLElement;
  /** A modal's backdrop, whose clicks are outside the message. */
  backdrop?: HTMLElement;
  /** Positions it again: after a resize, a scroll (tooltips), or a new content height. */
  place(): void;
}

const WIDTH: Record<string, string> = {
  modal: '480px',
  overlay: '360px',
  tooltip: '280px',
  inline: '100%',
};
const GAP = 12;
const MARGIN = 16;
/** Below this viewport width, layouts go edge to edge. */
export const NARROW = 600;
const OPPOSITE: Record<string, string> = {
  top: 'bottom',
  bottom: 'top',
  left: 'right',
  right: 'left',
};

/**
 * Builds the chrome for `display`; `anchor` is the element of an inline message or tooltip.
 * `contained` (the dashboard's preview) positions within a container instead of the viewport.
 */
export function buildChrome(
  display: Display,
  iframe: HTMLIFrameElement,
  anchor: Element | null,
  contained = false,
): Chrome {
  const type = display.type;
  const host = document.createElement('herald-message');
  const fixed = contained ? 'absolute' : 'fixed';
  css(host, { all: 'initial', display: 'block', position: fixed, 'z-index': '2147483000' }, true);
  // Inline messages are part of the page; so is a tooltip in a preview, with nothing to point at.
  if (type === 'inline' || (contained && type === 'tooltip')) {
    css(host, { position: 'relative', 'z-index': 'auto' }, true);
  }
  const root = host.attachShadow({ mode: 'closed' });
  const width = display.width || WIDTH[type] || '100%';
  let backdrop: HTMLElement | undefined;
  let parent: Node = root;
  if (type === 'modal') {
    backdrop = el(
      'div',
      {
        position: fixed,
        inset: '0',
        display: 'flex',
        'justify-content': 'center',
        'box-sizing': 'border-box',
        'align-items':
          { top: 'flex-start', bottom: 'flex-end' }[display.position ?? ''] ?? 'center',
        background: display.overlayColor || 'rgba(0,0,0,.5)',
      },
      root,
    );
    parent = backdrop;
  }
  const box = el(
    'div',
    {
      width: type === 'overlay' ? '100%' : width,
      'max-width': '100%',
      'box-sizing': 'border-box',
      overflow: 'hidden',
      position: 'relative',
      background: type === 'inline' ? 'transparent' : '#fff',
      'border-radius': type === 'inline' ? '0' : '10px',
      'box-shadow': type === 'inline' ? 'none' : '0 12px 40px rgba(0,0,0,.25)',
    },
    parent,
  );
  box.appendChild(iframe);
  let arrow: HTMLElement | undefined;
  if (type === 'tooltip') {
    arrow = el(
      'div',
      {
        position: 'absolute',
        width: '12px',
        height: '12px',
        background: '#fff',
        transform: 'rotate(45deg)',
        'box-shadow': '0 0 6px rgba(0,0,0,.25)',
        left: '20px',
        top: '-6px',
      },
      root,
    );
    root.insertBefore(arrow, box);
    css(host, { width, 'max-width': 'calc(100vw - 16px)' }, true);
  }
  if (type === 'modal') {
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
  }

  const place = () => {
    const narrow = !contained && innerWidth < NARROW;
    const margin = narrow ? 8 : MARGIN;
    const edge = `${margin}px`;
    if (backdrop) css(backdrop, { padding: `${narrow ? 8 : 24}px` });
    if (type === 'modal') css(host, { inset: '0' }, true);
    if (type === 'overlay') {
      const [vertical, horizontal] = (display.position ?? 'bottom-right').split('-');
      css(
        host,
        {
          top: vertical === 'top' ? edge : 'auto',
          bottom: vertical === 'top' ? 'auto' : edge,
          left: narrow
            ? edge
            : horizontal === 'left'
              ? edge
              : horizontal === 'center'
                ? '50%'
                : 'auto',
          right: narrow || horizontal === 'right' ? edge : 'auto',
          transform: !narrow && horizontal === 'center' ? 'translateX(-50%)' : 'none',
          width: narrow ? 'auto' : width,
          'max-width': `calc(100% - ${2 * margin}px)`,
        },
        true,
      );
    }
    if (type === 'tooltip' && anchor && arrow)
      placeTooltip(host, arrow, anchor, display, contained);
  };
  return { host, box, backdrop, place };
}

/** Puts a tooltip on its preferred side of the anchor, or the opposite one when it doesn't fit. */
function placeTooltip(
  host: HTMLElement,
  arrow: HTMLElement,
  anchor: Element,
  display: Display,
  contained: boolean,
): void {
  const a = anchor.getBoundingClientRect();
  const b = host.getBoundingClientRect();
  const [vw, vh] = contained
    ? [
        host.parentElement?.clientWidth ?? innerWidth,
        host.parentElement?.clientHeight ?? innerHeight,
      ]
    : [innerWidth, innerHeight];
  const room: Record<string, boolean> = {
    top: a.top - b.height - GAP >= 0,
    bottom: a.bottom + b.height + GAP <= vh,
    left: a.left - b.width - GAP >= 0,
    right: a.right + b.width + GAP <= vw,
  };
  let side = display.position ?? 'bottom';
  if (!room[side] && room[OPPOSITE[side]!]) side = OPPOSITE[side]!;
  const vertical = side === 'top' || side === 'bottom';
  const clamp = (value: number, max: number) => Math.max(8, Math.min(value, max - 8));
  const x = vertical
    ? clamp(a.left + a.width / 2 - b.width / 2, vw - b.width)
    : side === 'left'
      ? a.left - b.width - GAP
      : a.right + GAP;
  const y = vertical
    ? side === 'top'
      ? a.top - b.height - GAP
      : a.bottom + GAP
    : clamp(a.top + a.height / 2 - b.height / 2, vh - b.height);
  host.setAttribute('data-side', side);
  css(
    host,
    { left: `${x}px`, top: `${y}px`, visibility: anchor.isConnected ? 'visible' : 'hidden' },
    true,
  );
  // The arrow points at the anchor's middle, on the side facing it.
  css(arrow, {
    left: vertical
      ? `${a.left + a.width / 2 - x - 6}px`
      : side === 'left'
        ? `${b.width - 6}px`
        : '-6px',
    top: vertical
      ? side === 'top'
        ? `${b.height - 6}px`
        : '-6px'
      : `${a.top + a.height / 2 - y - 6}px`,
  });
}
