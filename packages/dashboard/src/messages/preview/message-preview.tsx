import { useCallback, useMemo, useRef, useState } from 'react';
import type { Draft } from '../draft.js';
import { deliveredOf, describeDisplay, displayOfStep } from './delivered.js';
import { type Device, DeviceFrame } from './device-frame.js';
import { useFocusGuard } from './focus-guard.js';
import { useDebounced, useNearViewport, useWidth } from './hooks.js';

const DESKTOP: Device = { id: 'desktop', label: 'Desktop', width: 1280, height: 760 };
const MOBILE: Device = { id: 'mobile', label: 'Mobile', width: 390, height: 760 };
const GAP = 16;
/** Below this width the two screens stack, each as wide as it may be. */
const SIDE_BY_SIDE = 600;

/**
 * The live preview: the message being edited, rendered by the real SDK renderer on a desktop and
 * a phone screen side by side. It follows the editor once typing pauses, and shows any step.
 */
export function MessagePreview({
  draft,
  messageId,
}: {
  draft: Draft;
  messageId?: string | undefined;
}) {
  const settled = useDebounced(draft, 350);
  const message = useMemo(() => deliveredOf(settled, messageId), [settled, messageId]);
  const [chosen, setChosen] = useState(0);
  const [replay, setReplay] = useState(0);
  const onReplay = useCallback(() => setReplay((n) => n + 1), []);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const active = useNearViewport(box) && width > 0;
  useFocusGuard(active);
  const step = Math.min(chosen, message.steps.length - 1);
  const display = displayOfStep(message, step);

  const sideBySide = width >= SIDE_BY_SIDE;
  const shared = (width - GAP) / (DESKTOP.width + MOBILE.width);
  const desktopScale = sideBySide ? shared : width / DESKTOP.width;
  const mobileScale = sideBySide ? shared : Math.min(0.75, width / MOBILE.width);

  return (
    <section className="section" aria-labelledby="preview-title" data-testid="preview">
      <header>
        <h2 id="preview-title">Preview</h2>
        <p>
          As visitors see it, drawn by the Herald SDK on a neutral page. It follows your edits.
          Nothing done in it is recorded: send yourself a test to try it on your site.
        </p>
      </header>
      <div className="preview-controls">
        {message.steps.length > 1 && (
          <div className="step-tabs" role="group" aria-label="Step to preview">
            {message.steps.map((s, i) => (
              <button key={i} type="button" aria-pressed={i === step} onClick={() => setChosen(i)}>
                {i + 1}. {s.name || 'untitled'}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="btn btn-sm" onClick={onReplay}>
          Replay
        </button>
        <span className="small muted" role="status" data-testid="preview-status">
          Step {step + 1} of {message.steps.length} · {describeDisplay(display)}
        </span>
      </div>
      <div ref={box} className={`preview-devices${sideBySide ? '' : ' stacked'}`}>
        {width > 0 &&
          [
            { device: DESKTOP, scale: desktopScale },
            { device: MOBILE, scale: mobileScale },
          ].map(({ device, scale }) => (
            <DeviceFrame
              key={device.id}
              device={device}
              scale={scale}
              message={message}
              step={step}
              replay={replay}
              active={active}
              onReplay={onReplay}
            />
          ))}
      </div>
    </section>
  );
}
