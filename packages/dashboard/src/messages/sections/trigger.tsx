import type { Trigger, TriggerCondition, TriggerType } from '@herald/protocol';
import { Choice, Choices } from '../../components/choice.js';
import { Field } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';
import { filtersText, parseFilters, triggerInWords } from '../trigger-words.js';

const KINDS: Array<{ type: TriggerType; label: string }> = [
  { type: 'delay', label: 'Time on the page' },
  { type: 'scroll', label: 'Scroll depth' },
  { type: 'exitIntent', label: 'Exit intent' },
  { type: 'click', label: 'A click on an element' },
  { type: 'event', label: 'A tracked event' },
  { type: 'pageLoad', label: 'Page load' },
];

/** A condition of `type` with its usual values, to edit from. */
function fresh(type: TriggerType): TriggerCondition {
  switch (type) {
    case 'delay':
      return { type, seconds: 5 };
    case 'scroll':
      return { type, percent: 50 };
    case 'click':
      return { type, selector: '' };
    case 'event':
      return { type, event: '' };
    default:
      return { type };
  }
}

/**
 * When the message appears once a visitor may see it: at once, or on what they do on the page
 * (time, scroll, exit intent, a click, a tracked event), all of them or the first.
 */
export function TriggerSection({ draft, update, err }: SectionProps) {
  const trigger = draft.trigger;
  const set = (next: Trigger | undefined) => update({ trigger: next });
  const change = (index: number, condition: TriggerCondition) =>
    set({
      ...trigger!,
      conditions: trigger!.conditions.map((c, i) => (i === index ? condition : c)),
    });
  if (draft.display.type === 'inbox') return null;

  return (
    <section className="section" aria-labelledby="trigger-title">
      <header>
        <h2 id="trigger-title">When it appears</h2>
        <p>
          Who may see it and how often is decided first; the trigger picks the moment, in the
          visitor’s browser. It shows {triggerInWords(trigger)}.
        </p>
      </header>
      <div className="stack">
        <Choices legend="Show it" path="trigger" error={err('trigger')}>
          <Choice name="trigger" checked={!trigger} onChange={() => set(undefined)}>
            As soon as the page loads
          </Choice>
          <Choice
            name="trigger"
            checked={Boolean(trigger)}
            onChange={() => set(trigger ?? { match: 'all', conditions: [fresh('delay')] })}
            hint="After some time, at a scroll depth, on exit intent, on a click or an event."
          >
            When the visitor does something
          </Choice>
        </Choices>
        {trigger && (
          <>
            <Field label="Wait for" path="trigger.match" error={err('trigger.match')}>
              {(control) => (
                <select
                  {...control}
                  value={trigger.match}
                  onChange={(e) => set({ ...trigger, match: e.target.value as Trigger['match'] })}
                >
                  <option value="all">All of these</option>
                  <option value="any">Any one of these</option>
                </select>
              )}
            </Field>
            <ol className="stack" aria-label="Conditions">
              {trigger.conditions.map((condition, i) => (
                <li key={i} className="row" style={{ alignItems: 'flex-end', gap: 12 }}>
                  <Field
                    label={`Condition ${i + 1}`}
                    path={`trigger.conditions.${i}.type`}
                    error={err(`trigger.conditions.${i}.type`)}
                  >
                    {(control) => (
                      <select
                        {...control}
                        value={condition.type}
                        onChange={(e) => change(i, fresh(e.target.value as TriggerType))}
                      >
                        {KINDS.map((k) => (
                          <option key={k.type} value={k.type}>
                            {k.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <ConditionFields
                    condition={condition}
                    path={`trigger.conditions.${i}`}
                    err={err}
                    onChange={(next) => change(i, next)}
                  />
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Remove condition ${i + 1}`}
                    onClick={() => {
                      const conditions = trigger.conditions.filter((_, j) => j !== i);
                      set(conditions.length ? { ...trigger, conditions } : undefined);
                    }}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            {trigger.conditions.length < 10 && (
              <button
                type="button"
                className="btn btn-sm"
                style={{ alignSelf: 'flex-start' }}
                onClick={() =>
                  set({ ...trigger, conditions: [...trigger.conditions, fresh('scroll')] })
                }
              >
                Add a condition
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function ConditionFields(props: {
  condition: TriggerCondition;
  path: string;
  err: SectionProps['err'];
  onChange: (condition: TriggerCondition) => void;
}) {
  const { condition, path, err, onChange } = props;
  switch (condition.type) {
    case 'delay':
    case 'scroll': {
      const key = condition.type === 'delay' ? 'seconds' : 'percent';
      const value = condition.type === 'delay' ? condition.seconds : condition.percent;
      return (
        <Field
          label={key === 'seconds' ? 'Seconds on the page' : 'Scrolled down (%)'}
          path={`${path}.${key}`}
          error={err(`${path}.${key}`)}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={key === 'seconds' ? 3600 : 100}
              value={value}
              onChange={(e) => onChange({ ...condition, [key]: e.target.valueAsNumber || 0 })}
            />
          )}
        </Field>
      );
    }
    case 'click':
      return (
        <Field
          label="Element (CSS selector)"
          path={`${path}.selector`}
          error={err(`${path}.selector`)}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              placeholder="#buy"
              value={condition.selector}
              onChange={(e) => onChange({ ...condition, selector: e.target.value })}
            />
          )}
        </Field>
      );
    case 'event':
      return (
        <>
          <Field label="Event name" path={`${path}.event`} error={err(`${path}.event`)}>
            {(control) => (
              <input
                {...control}
                type="text"
                placeholder="Added to cart"
                value={condition.event}
                onChange={(e) => onChange({ ...condition, event: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="With properties (optional)"
            path={`${path}.properties`}
            error={err(`${path}.properties`)}
            hint="key=value, separated by commas"
          >
            {(control) => (
              <input
                {...control}
                type="text"
                placeholder="plan=pro, qty=2"
                defaultValue={filtersText(condition.properties)}
                onBlur={(e) => {
                  const properties = parseFilters(e.target.value);
                  onChange({
                    type: 'event',
                    event: condition.event,
                    ...(Object.keys(properties).length ? { properties } : {}),
                  });
                }}
              />
            )}
          </Field>
        </>
      );
    default:
      return null;
  }
}
