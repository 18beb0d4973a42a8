import { useState } from 'react';
import { isLocaleTag, localesOf, type Step } from '@herald/protocol';
import { ConfirmDialog, Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';
import { HtmlEditor } from '../html-editor.js';
import { TEMPLATES } from '../templates.js';

/**
 * The steps being edited (the message's, or one variant's): each a name and its HTML, edited in
 * a code editor, with starter templates, in the default language and in any others added. A
 * language one step has and another lacks is marked "missing" on the latter. Several steps make
 * a flow (`herald://next`, `herald://step/<name>`).
 */
export function StepsSection({
  steps,
  onSteps,
  path,
  err,
}: Pick<SectionProps, 'err'> & {
  steps: Step[];
  onSteps: (steps: Step[]) => void;
  /** Where the API names these steps' errors: `steps`, `experiment.variants.1.steps`. */
  path: string;
}) {
  const [current, setCurrent] = useState(0);
  const [template, setTemplate] = useState<string>();
  const [locale, setLocale] = useState<string | null>(null);
  const [adding, setAdding] = useState<string>();
  const index = Math.min(current, steps.length - 1);
  const step = steps[index]!;
  const locales = [...localesOf(steps)];
  const language = locale && locales.includes(locale) ? locale : null;
  const setStep = (patch: Partial<Step>) =>
    onSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const addStep = () => {
    const name = uniqueName(steps);
    onSteps([...steps, { name, html: '' }]);
    setCurrent(steps.length);
  };
  const removeStep = () => {
    onSteps(steps.filter((_, i) => i !== index));
    setCurrent(Math.max(0, index - 1));
  };
  const addLanguage = (tag: string) => {
    setStep({ locales: { ...step.locales, [tag]: { html: step.html } } });
    setLocale(tag);
    setAdding(undefined);
  };
  const removeLanguage = (tag: string) => {
    onSteps(
      steps.map((s) => {
        const rest = { ...s.locales };
        delete rest[tag];
        return Object.keys(rest).length ? { ...s, locales: rest } : withoutLocales(s);
      }),
    );
    setLocale(null);
  };
  const html = language ? (step.locales?.[language]?.html ?? '') : step.html;
  const setHtml = (value: string) =>
    language
      ? setStep({ locales: { ...step.locales, [language]: { html: value } } })
      : setStep({ html: value });
  const htmlPath = language ? `${path}.${index}.locales.${language}.html` : `${path}.${index}.html`;
  const htmlError = err(htmlPath);
  const chosen = TEMPLATES.find((t) => t.id === template);
  const stepWithError = steps.findIndex(
    (_, i) => err(`${path}.${i}.html`) || err(`${path}.${i}.name`),
  );

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
      {err(path) && (
        <p className="field-error" role="alert">
          {err(path)}
        </p>
      )}
      <div className="stack" id="step-panel" role="tabpanel" aria-labelledby={`step-tab-${index}`}>
        <div className="row">
          <Field
            label="Step name"
            path={`${path}.${index}.name`}
            error={err(`${path}.${index}.name`)}
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
        <div className="step-tabs" role="tablist" aria-label="Languages">
          {[null, ...locales].map((tag) => {
            const missing = tag !== null && !step.locales?.[tag];
            return (
              <button
                key={tag ?? 'default'}
                type="button"
                role="tab"
                aria-selected={tag === language}
                data-missing={missing || undefined}
                onClick={() => setLocale(tag)}
              >
                {tag ?? 'Default language'}
                {missing ? ' ⚠ missing translation' : ''}
              </button>
            );
          })}
          {adding === undefined ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setAdding('')}>
              + Add language
            </button>
          ) : (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (isLocaleTag(adding) && !locales.includes(adding)) addLanguage(adding);
              }}
            >
              <input
                aria-label="Language tag"
                placeholder="de, pt-BR…"
                value={adding}
                size={8}
                onChange={(e) => setAdding(e.target.value.trim())}
              />
              <button type="submit" className="btn btn-sm" disabled={!isLocaleTag(adding)}>
                Add
              </button>
            </form>
          )}
          {language && (
            <button type="button" className="btn btn-sm" onClick={() => removeLanguage(language)}>
              Remove {language}
            </button>
          )}
        </div>
        <div className="field">
          <span className="field-label" id="html-label">
            HTML of step {index + 1}
            {language ? ` in ${language}` : ''}
          </span>
          <HtmlEditor
            key={`${path}.${index}.${language ?? ''}`}
            id={fieldId(htmlPath)}
            labelledBy="html-label"
            describedBy={htmlError ? `${fieldId(htmlPath)}-error` : undefined}
            invalid={Boolean(htmlError)}
            value={html}
            onChange={setHtml}
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
        onConfirm={() => setHtml(chosen!.html)}
        onClose={() => setTemplate(undefined)}
      >
        <p>
          {chosen?.description} It replaces the HTML of step {index + 1}.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function withoutLocales(step: Step): Step {
  const rest = { ...step };
  delete rest.locales;
  return rest;
}

function uniqueName(steps: Step[]): string {
  for (let n = steps.length + 1; ; n++) {
    const name = `step-${n}`;
    if (!steps.some((s) => s.name === name)) return name;
  }
}
