import { type RefObject, useEffect, useRef, useState } from 'react';
import type { DeliveredMessage } from '@herald/protocol';
import { type Preview, renderPreview } from '@herald/sdk';
import { displayOfStep, inInboxPanel, type Surface } from './delivered.js';
import { SCREEN_CLASS } from './focus-guard.js';
import { useNearViewport } from './hooks.js';

export interface Device {
  id: string;
  label: string;
  width: number;
  height: number;
}

/** What the screen shows; `step` is the name of the step drawn (tests wait on it, as data-step). */
type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'shown'; step: string }
  | { kind: 'failed'; error: string };

/**
 * One screen of the preview: a pretend page at the device's real width, scaled down to fit, with
 * the message rendered on it by the SDK's own renderer (its chrome, its sandboxed frame served by
 * this server). The pretend page is `inert`, out of the tab order; the message's own focus
 * handling is kept out of the editor by the focus guard (focus-guard.ts).
 */
export function DeviceFrame(props: {
  device: Device;
  scale: number;
  message: DeliveredMessage;
  /** On the page, or opened in a pretend inbox panel. */
  surface: Surface;
  /** Why this screen cannot show the message (a tooltip in an app), instead of showing it. */
  unsupported?: string | undefined;
  step: number;
  replay: number;
  active: boolean;
  onReplay: () => void;
}) {
  const { device, scale, message, surface, step, replay, onReplay } = props;
  const screen = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  // Each screen on its own: stacked on a phone, one may be on screen and the other not.
  const active = useNearViewport(figure) && props.active;
  const slot = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const display = displayOfStep(message, step);
  // The effect's inputs, as one value: a new object with the same content must not re-render.
  const inbox = surface === 'inbox';
  const key = JSON.stringify(inbox ? inInboxPanel(message) : message);
  const anchored = inbox || display.type === 'inline' || display.type === 'tooltip';
  // A frame that did not render in time (a busy machine, a cold server) gets one more try before
  // the screen says so; a message that is broken fails the same way twice.
  const attempt = `${key}|${step}|${replay}`;
  const [retriedFor, setRetriedFor] = useState<string>();
  const retried = retriedFor === attempt;

  useEffect(() => {
    if (!active || props.unsupported) return;
    // Inline messages and tooltips take their place in the page; the others float over it.
    const container = inbox ? panel.current : anchored ? slot.current : screen.current;
    if (!container) return;
    const shown: DeliveredMessage = JSON.parse(key) as DeliveredMessage;
    setState({ kind: 'loading' });
    const name = shown.steps[step]?.name;
    let preview: Preview | undefined;
    preview = renderPreview(container, shown, {
      host: location.origin,
      onEvent: (event) => {
        if (event.type === 'in-app:message-opened') setState({ kind: 'shown', step: name ?? '' });
        else if (event.type === 'in-app:message-error') {
          if (!retried) setRetriedFor(attempt);
          else setState({ kind: 'failed', error: event.detail.error ?? 'unknown error' });
        }
        // Escape pressed anywhere dismisses a modal: a preview just shows it again.
        else if (event.type === 'in-app:message-dismissed' && preview) onReplay();
      },
    });
    if (step > 0 && name !== undefined) preview.step(name);
    return () => {
      const current = preview;
      preview = undefined;
      if (current) closeKeepingFocus(current);
      setState({ kind: 'idle' });
    };
  }, [key, step, replay, retried, attempt, active, anchored, inbox, onReplay, props.unsupported]);

  return (
    <figure
      ref={figure}
      className="preview-device"
      data-device={device.id}
      data-state={state.kind}
      data-step={state.kind === 'shown' ? state.step : undefined}
    >
      <figcaption>
        {device.label} · {device.width} px
        {props.unsupported && <span className="muted"> — {props.unsupported}</span>}
        {state.kind === 'failed' && (
          <span className="field-error" role="alert">
            {' '}
            — not shown: {state.error}
          </span>
        )}
      </figcaption>
      <div
        className="preview-viewport"
        style={{ width: device.width * scale, height: device.height * scale }}
      >
        <div
          className={SCREEN_CLASS}
          ref={screen}
          inert
          style={{ width: device.width, height: device.height, transform: `scale(${scale})` }}
        >
          <FakePage slot={slot} tooltip={!inbox && display.type === 'tooltip'} />
          {inbox && <FakeInbox panel={panel} title={inboxTitle(message)} />}
        </div>
      </div>
    </figure>
  );
}

/** A neutral page for the message to sit on: grey blocks where a site's content would be. */
function FakePage({ slot, tooltip }: { slot: RefObject<HTMLDivElement | null>; tooltip: boolean }) {
  return (
    <div className="fake-page" aria-hidden="true">
      <div className="fake-nav">
        <span className="fake-logo" />
        <span className="fake-link" />
        <span className="fake-link" />
        <span className="fake-link" />
      </div>
      <div className="fake-body">
        <span className="fake-title" />
        <span className="fake-line" />
        <span className="fake-line short" />
        {tooltip && <span className="fake-target">Target</span>}
        <div className="fake-slot" ref={slot} />
        <div className="fake-cards">
          <span />
          <span />
          <span />
        </div>
        <span className="fake-line" />
        <span className="fake-line short" />
      </div>
    </div>
  );
}

/** The launcher's panel as visitors see it, open on this message. */
function FakeInbox({ panel, title }: { panel: RefObject<HTMLDivElement | null>; title: string }) {
  return (
    <div className="fake-inbox">
      <div className="fake-inbox-head">
        <strong>Inbox</strong>
        <span className="muted small">Mark all as read</span>
      </div>
      <div className="fake-inbox-item">{title}</div>
      <div className="fake-inbox-body" ref={panel} />
    </div>
  );
}

/** The item's line: its inbox title, or the first heading of its first step, as the SDK does. */
function inboxTitle(message: DeliveredMessage): string {
  if (message.inbox?.title) return message.inbox.title;
  const page = new DOMParser().parseFromString(message.steps[0]?.html ?? '', 'text/html');
  const text = (page.querySelector('h1,h2,h3,h4,strong') ?? page.body)?.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 120) || 'Untitled';
}

/**
 * Closes a preview without moving the focus or the scroll: closing a modal gives the focus back
 * to what had it when the modal appeared, which, in an editor re-rendering as people type, is
 * usually a field they have since left.
 */
function closeKeepingFocus(preview: Preview): void {
  const active = document.activeElement;
  const { scrollX, scrollY } = window;
  preview.close();
  if (active instanceof HTMLElement && document.activeElement !== active) {
    active.focus({ preventScroll: true });
    window.scrollTo(scrollX, scrollY);
  }
}
