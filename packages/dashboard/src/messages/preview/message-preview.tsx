import { useCallback, useMemo, useRef, useState } from 'react';
import { localesOf, platformsOf } from '@herald/protocol';
import { type Draft, stepsOf } from '../draft.js';
import { appLook, deliveredOf, describeDisplay, displayOfStep, type Surface } from './delivered.js';
import { type Device, DeviceFrame } from './device-frame.js';
import { useFocusGuard } from './focus-guard.js';
import { useDebounced, useNearViewport, useWidth } from './hooks.js';

const DESKTOP: Device = { id: 'desktop', label: 'Desktop', width: 1280, height: 760 };
const MOBILE: Device = { id: 'mobile', label: 'Mobile', width: 390, height: 760 };
/** An app, as the React Native SDK draws messages: full-width banners, no tooltips. */
const APP: Device = { id: 'app', label: 'App', width: 390, height: 760 };
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
  variant = 0,
}: {
  draft: Draft;
  messageId?: string | undefined;
  /** Which variant of an experiment to show. */
  variant?: number;
}) {
  const settled = useDebounced(draft, 350);
  const [locale, setLocale] = useState<string | null>(null);
  const locales = useMemo(() => [...localesOf(stepsOf(settled, variant))], [settled, variant]);
  const language = locale && locales.includes(locale) ? locale : null;
  const message = useMemo(
    () => deliveredOf(settled, messageId, { variant, locale: language }),
    [settled, messageId, variant, language],
  );
  const [chosen, setChosen] = useState(0);
  const [where, setWhere] = useState<Surface>('page');
  // An inbox-only message has no page to show on; others are in the inbox only when kept there.
  const surface: Surface =
    message.display.type === 'inbox' ? 'inbox' : message.inbox ? where : 'page';
  const [replay, setReplay] = useState(0);
  const onReplay = useCallback(() => setReplay((n) => n + 1), []);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const active = useNearViewport(box) && width > 0;
  useFocusGuard(active);
  const step = Math.min(chosen, message.steps.length - 1);
  const display = displayOfStep(message, step);

  const platforms = platformsOf(settled);
  const devices = [
    ...(platforms.includes('web') ? [DESKTOP, MOBILE] : []),
    ...(platforms.includes('mobile') ? [APP] : []),
  ];
  const sideBySide = width >= SIDE_BY_SIDE;
  const shared =
    (width - GAP * (devices.length - 1)) / devices.reduce((sum, d) => sum + d.width, 0);
  const scaleOf = (device: Device) =>
    sideBySide
      ? shared
      : device === DESKTOP
        ? width / DESKTOP.width
        : Math.min(0.75, width / device.width);

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
        {locales.length > 0 && (
          <label className="row small">
            Language
            <select
              aria-label="Language to preview"
              value={language ?? ''}
              onChange={(e) => setLocale(e.target.value || null)}
            >
              <option value="">Default</option>
              {locales.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </label>
        )}
        {message.inbox && message.display.type !== 'inbox' && (
          <div className="step-tabs" role="group" aria-label="Where to preview">
            {(['page', 'inbox'] as const).map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={surface === s}
                onClick={() => setWhere(s)}
              >
                {s === 'page' ? 'On the page' : 'In the inbox'}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="btn btn-sm" onClick={onReplay}>
          Replay
        </button>
        <span className="small muted" role="status" data-testid="preview-status">
          {message.variant
            ? `${draft.experiment?.variants[variant]?.name ?? message.variant} · `
            : ''}
          Step {step + 1} of {message.steps.length} ·{' '}
          {surface === 'inbox' ? 'In the inbox' : describeDisplay(display)}
          {language ? ` · ${language}` : ''}
        </span>
      </div>
      <div ref={box} className={`preview-devices${sideBySide ? '' : ' stacked'}`}>
        {width > 0 &&
          devices.map((device) => (
            <DeviceFrame
              key={device.id}
              device={device}
              scale={scaleOf(device)}
              message={device === APP ? appLook(message) : message}
              unsupported={
                device === APP && display.type === 'tooltip'
                  ? 'tooltips do not show in apps'
                  : undefined
              }
              surface={surface}
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
