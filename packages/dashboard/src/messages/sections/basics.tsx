import { Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';

/** Name, description, audience and priority. */
export function BasicsSection({ draft, update, err }: SectionProps) {
  const audienceError = err('audience.type') ?? err('audience');
  return (
    <section className="section" aria-labelledby="basics-title">
      <header>
        <h2 id="basics-title">Message</h2>
      </header>
      <div className="stack">
        <Field label="Name" path="name" error={err('name')} hint="Only your team sees it.">
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.name}
              maxLength={200}
              onChange={(e) => update({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Description" path="description" error={err('description')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
            />
          )}
        </Field>
        <div className="grid-2">
          <fieldset
            aria-describedby={audienceError ? `${fieldId('audience.type')}-error` : undefined}
          >
            <legend>Audience</legend>
            <div className="stack">
              <label className="choice">
                <input
                  type="radio"
                  name="audience"
                  id={fieldId('audience.type')}
                  checked={draft.audience.type === 'anonymous'}
                  onChange={() => update({ audience: { type: 'anonymous' } })}
                />
                <span>
                  Anonymous visitors
                  <span className="hint small muted">
                    Everyone not identified yet; never someone who is.
                  </span>
                </span>
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name="audience"
                  checked={draft.audience.type === 'identified'}
                  onChange={() => update({ audience: { type: 'identified', segment: null } })}
                />
                <span>
                  Identified people
                  <span className="hint small muted">
                    People your site has identified, optionally in a segment.
                  </span>
                </span>
              </label>
              {audienceError && (
                <span className="field-error" id={`${fieldId('audience.type')}-error`} role="alert">
                  {audienceError}
                </span>
              )}
            </div>
          </fieldset>
          <div className="stack">
            <Field
              label="Priority"
              path="priority"
              error={err('priority')}
              hint="1 is the highest. One message per spot on screen at a time; higher priority first."
            >
              {(control) => (
                <select
                  {...control}
                  value={draft.priority}
                  onChange={(e) => update({ priority: Number(e.target.value) })}
                >
                  {Array.from({ length: 10 }, (_, i) => i + 1).map((p) => (
                    <option key={p} value={p}>
                      {p}
                      {p === 1 ? ' (highest)' : p === 10 ? ' (lowest)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {draft.audience.type === 'identified' && (
              <Field
                label="Segment (optional)"
                path="audience.segment"
                error={err('audience.segment')}
                hint="The ID of a segment people must be in. Empty: everyone identified."
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    value={draft.audience.segment ?? ''}
                    onChange={(e) =>
                      update({ audience: { type: 'identified', segment: e.target.value } })
                    }
                  />
                )}
              </Field>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
