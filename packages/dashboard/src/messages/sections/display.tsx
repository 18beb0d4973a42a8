import {
  type Display,
  type DisplayType,
  MODAL_POSITIONS,
  OVERLAY_POSITIONS,
  type Platform,
  PLATFORMS,
  platformsOf,
  TOOLTIP_POSITIONS,
} from '@herald/protocol';
import { Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';

const TYPES: Array<{ value: DisplayType; label: string; hint: string }> = [
  { value: 'modal', label: 'Modal', hint: 'Centre stage, over a dimmed page' },
  { value: 'overlay', label: 'Overlay', hint: 'A card in a corner or along an edge' },
  { value: 'inline', label: 'Inline', hint: 'Inside an element of your page' },
  { value: 'tooltip', label: 'Tooltip', hint: 'Points at an element' },
  { value: 'inbox', label: 'Inbox only', hint: 'In the visitor’s inbox, never on the page' },
];

const DEFAULT_POSITION: Record<DisplayType, string | undefined> = {
  modal: 'center',
  overlay: 'bottom-right',
  inline: undefined,
  tooltip: 'bottom',
  inbox: undefined,
};

const label = (position: string) =>
  position.replace('-', ' ').replace(/^\w/, (c) => c.toUpperCase());

/** Display type and position, picked on small pictures of a screen. */
export function DisplaySection({ draft, update, err }: SectionProps) {
  const display = draft.display;
  const set = (patch: Partial<Display>) => update({ display: { ...display, ...patch } });
  const setType = (type: DisplayType) => {
    const next: Display = { type };
    const position = DEFAULT_POSITION[type];
    if (position) next.position = position;
    if (display.width) next.width = display.width;
    if (type === 'modal') {
      if (display.overlayColor) next.overlayColor = display.overlayColor;
      if (display.dismissOnOutsideClick !== undefined)
        next.dismissOnOutsideClick = display.dismissOnOutsideClick;
    }
    if ((type === 'inline' || type === 'tooltip') && display.selector)
      next.selector = display.selector;
    update({ display: next });
  };

  return (
    <section className="section" aria-labelledby="display-title">
      <header>
        <h2 id="display-title">Display</h2>
      </header>
      <div className="stack">
        <PlatformsField draft={draft} update={update} err={err} />
        <fieldset>
          <legend>Type</legend>
          <div className="picker">
            {TYPES.map((t) => (
              <div className="picker-option" key={t.value}>
                <input
                  type="radio"
                  name="display-type"
                  id={`display-${t.value}`}
                  checked={display.type === t.value}
                  onChange={() => setType(t.value)}
                />
                <label htmlFor={`display-${t.value}`}>
                  <MiniScreen type={t.value} />
                  <span>{t.label}</span>
                  <span className="small muted" style={{ fontWeight: 400 }}>
                    {t.hint}
                  </span>
                </label>
              </div>
            ))}
          </div>
          {err('display.type') && <p className="field-error">{err('display.type')}</p>}
        </fieldset>

        {display.type !== 'inline' && display.type !== 'inbox' && (
          <fieldset>
            <legend>Position</legend>
            <PositionPicker
              type={display.type}
              value={display.position}
              onChange={(position) => set({ position })}
            />
            {err('display.position') && (
              <p className="field-error" role="alert">
                {err('display.position')}
              </p>
            )}
          </fieldset>
        )}

        {display.type !== 'inbox' && (
          <div className="grid-2">
            {(display.type === 'inline' || display.type === 'tooltip') && (
              <Field
                label={
                  display.type === 'inline'
                    ? 'Element to show it in (CSS selector)'
                    : 'Element to point at (CSS selector)'
                }
                path="display.selector"
                error={err('display.selector')}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    placeholder="#signup-form"
                    value={display.selector ?? ''}
                    onChange={(e) => set({ selector: e.target.value })}
                  />
                )}
              </Field>
            )}
            <Field
              label="Width (optional)"
              path="display.width"
              error={err('display.width')}
              hint="CSS width, e.g. 480px or 60%."
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  placeholder="480px"
                  value={display.width ?? ''}
                  onChange={(e) => set({ width: e.target.value || undefined })}
                />
              )}
            </Field>
            {display.type === 'modal' && (
              <Field
                label="Backdrop colour (optional)"
                path="display.overlayColor"
                error={err('display.overlayColor')}
                hint="e.g. rgba(0,0,0,0.5)"
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    placeholder="rgba(0,0,0,0.5)"
                    value={display.overlayColor ?? ''}
                    onChange={(e) => set({ overlayColor: e.target.value || undefined })}
                  />
                )}
              </Field>
            )}
          </div>
        )}
        {display.type === 'modal' && (
          <label className="choice">
            <input
              type="checkbox"
              id={fieldId('display.dismissOnOutsideClick')}
              checked={display.dismissOnOutsideClick ?? false}
              onChange={(e) => set({ dismissOnOutsideClick: e.target.checked })}
            />
            <span>Dismiss when the person clicks outside it</span>
          </label>
        )}
      </div>
    </section>
  );
}

function MiniScreen({ type }: { type: DisplayType }) {
  return (
    <span className="mini-screen" aria-hidden="true">
      {type === 'modal' && <span className="mini-modal-backdrop" />}
      {type === 'tooltip' && <span className="mini-target" />}
      <span className={`shape mini-${type}`} />
    </span>
  );
}

/** Radio buttons laid out where the message would appear; arrow keys move between them. */
function PositionPicker(props: {
  type: DisplayType;
  value: string | undefined;
  onChange: (position: string) => void;
}) {
  const positions: readonly string[] =
    props.type === 'modal'
      ? MODAL_POSITIONS
      : props.type === 'overlay'
        ? OVERLAY_POSITIONS
        : TOOLTIP_POSITIONS;
  const area = (p: string) =>
    props.type === 'tooltip' ? { top: 'a', left: 'b', right: 'c', bottom: 'd' }[p] : undefined;
  return (
    <div className={`position-screen ${props.type}`}>
      {positions.map((p) => (
        <div className="pos" key={p} style={area(p) ? { gridArea: area(p) } : undefined}>
          <input
            type="radio"
            name="display-position"
            id={`${fieldId('display.position')}-${p}`}
            checked={props.value === p}
            onChange={() => props.onChange(p)}
          />
          <label htmlFor={`${fieldId('display.position')}-${p}`}>{label(p)}</label>
        </div>
      ))}
      {props.type === 'tooltip' && <span className="tooltip-target">Target</span>}
    </div>
  );
}

const PLATFORM_LABELS: Record<Platform, { label: string; hint: string }> = {
  web: { label: 'Websites', hint: 'The browser SDK (herald.js)' },
  mobile: { label: 'Apps', hint: 'The React Native and Expo SDK' },
};

/** Where the message shows: websites, apps, or both (at least one). */
function PlatformsField({ draft, update, err }: SectionProps) {
  const chosen = platformsOf(draft);
  const toggle = (platform: Platform, on: boolean) => {
    const next = PLATFORMS.filter((p) => (p === platform ? on : chosen.includes(p)));
    if (next.length > 0) update({ platforms: next });
  };
  return (
    <fieldset>
      <legend>Shows on</legend>
      <div className="row" style={{ gap: 20 }}>
        {PLATFORMS.map((platform) => (
          <label className="choice" key={platform}>
            <input
              type="checkbox"
              id={fieldId(`platforms-${platform}`)}
              checked={chosen.includes(platform)}
              // The last one stays: a message must show somewhere.
              disabled={chosen.length === 1 && chosen.includes(platform)}
              onChange={(e) => toggle(platform, e.target.checked)}
            />
            <span>
              {PLATFORM_LABELS[platform].label}{' '}
              <span className="small muted">{PLATFORM_LABELS[platform].hint}</span>
            </span>
          </label>
        ))}
      </div>
      {err('platforms') && <p className="field-error">{err('platforms')}</p>}
    </fieldset>
  );
}
