import { useState } from 'react';
import type { Step } from '@herald/protocol';
import { ConfirmDialog, Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';
import { HtmlEditor } from '../html-editor.js';
import { TEMPLATES } from '../templates.js';

/**
 * The message's steps: each a name and its HTML, edited in a code editor, with starter
 * templates. Several steps make a flow (`herald://next`, `herald://step/<name>`).
 */
export function StepsSection({ draft, update, err }: SectionProps) {
  const steps = draft.steps;
  const [current, setCurrent] = useState(0);
  const [template, setTemplate] = useState<string>();
  const index = Math.min(current, steps.length - 1);
  const step = steps[index]!;
  const setStep = (patch: Partial<Step>) =>
    update({ steps: steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const addStep = () => {
    const name = uniqueName(steps);
    update({ steps: [...steps, { name, html: '' }] });
    setCurrent(steps.length);
  };
  const removeStep = () => {
    update({ steps: steps.filter((_, i) => i !== index) });
    setCurrent(Math.max(0, index - 1));
  };
  const htmlPath = `steps.${index}.html`;
  const htmlError = err(htmlPath);
  const chosen = TEMPLATES.find((t) => t.id === template);
  const stepWithError = steps.findIndex((_, i) => err(`steps.${i}.html`) || err(`steps.${i}.name`));

  return (
    <section className="section" aria-labelledby="steps-title">
      <header>
        <h2 id="steps-title">Content</h2>
        <p>
          HTML for each step. Links act: <code>herald://close</code> dismisses,{' '}
          <code>herald://action/&lt;name&gt;</code> records a click on that button,{' '}
          <code>herald://next</code> goes on.
        </p>
      </header>
      <div className="step-tabs" role="tablist" aria-label="Steps">
        {steps.map((s, i) => (
          <button
            key={i}
            type="button"
            role="tab"
            id={`step-tab-${i}`}
            aria-selected={i === index}
            aria-controls="step-panel"
            onClick={() => setCurrent(i)}
          >
            {i + 1}. {s.name || 'untitled'}
            {i === stepWithError ? ' ⚠' : ''}
          </button>
        ))}
        <button type="button" className="btn btn-sm btn-ghost" onClick={addStep}>
          + Add step
        </button>
      </div>
      {err('steps') && (
        <p className="field-error" role="alert">
          {err('steps')}
        </p>
      )}
      <div className="stack" id="step-panel" role="tabpanel" aria-labelledby={`step-tab-${index}`}>
        <div className="row">
          <Field
            label="Step name"
            path={`steps.${index}.name`}
            error={err(`steps.${index}.name`)}
            className="grow"
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={step.name}
                onChange={(e) => setStep({ name: e.target.value })}
              />
            )}
          </Field>
          <div className="field">
            <label htmlFor="template-select">Start from a template</label>
            <select
              id="template-select"
              value=""
              onChange={(e) => setTemplate(e.target.value || undefined)}
            >
              <option value="">Choose…</option>
              {TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          {steps.length > 1 && (
            <button type="button" className="btn" onClick={removeStep}>
              Remove step
            </button>
          )}
        </div>
        <div className="field">
          <span className="field-label" id="html-label">
            HTML of step {index + 1}
          </span>
          <HtmlEditor
            key={index}
            id={fieldId(htmlPath)}
            labelledBy="html-label"
            describedBy={htmlError ? `${fieldId(htmlPath)}-error` : undefined}
            invalid={Boolean(htmlError)}
            value={step.html}
            onChange={(html) => setStep({ html })}
          />
          {htmlError && (
            <span className="field-error" id={`${fieldId(htmlPath)}-error`} role="alert">
              {htmlError}
            </span>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={chosen !== undefined}
        title={`Use the “${chosen?.label ?? ''}” template?`}
        confirmLabel="Replace the HTML"
        onConfirm={() => setStep({ html: chosen!.html })}
        onClose={() => setTemplate(undefined)}
      >
        <p>
          {chosen?.description} It replaces the HTML of step {index + 1}.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function uniqueName(steps: Step[]): string {
  for (let n = steps.length + 1; ; n++) {
    const name = `step-${n}`;
    if (!steps.some((s) => s.name === name)) return name;
  }
}
