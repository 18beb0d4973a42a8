import type { Experiment, Variant } from '@herald/protocol';
import { Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';

const KEYS = ['A', 'B', 'C', 'D', 'E'];

/**
 * Variants of the message against a holdout: on, the content below is edited per variant (the
 * tabs here choose which); off again, the chosen variant's content becomes the message's.
 */
export function ExperimentSection({
  draft,
  update,
  err,
  variant,
  setVariant,
}: SectionProps & { variant: number; setVariant: (index: number) => void }) {
  const experiment = draft.experiment;
  const set = (patch: Partial<Experiment>) => update({ experiment: { ...experiment!, ...patch } });
  const setVariants = (variants: Variant[]) => set({ variants });
  const index = Math.min(variant, (experiment?.variants.length ?? 1) - 1);
  const current = experiment?.variants[index];
  const total = experiment?.variants.reduce((sum, v) => sum + v.weight, 0) ?? 1;
  const share = (weight: number) =>
    Math.round((weight / total) * (100 - (experiment?.holdoutPercent ?? 0)));

  const toggle = (on: boolean) => {
    if (on) {
      update({
        experiment: {
          holdoutPercent: 10,
          variants: [
            { key: 'A', name: 'Variant A', weight: 1, steps: draft.steps },
            { key: 'B', name: 'Variant B', weight: 1, steps: structuredClone(draft.steps) },
          ],
        },
      });
      setVariant(0);
    } else {
      update({ experiment: undefined, steps: current?.steps ?? draft.steps });
    }
  };
  const addVariant = () => {
    const key = KEYS.find((k) => !experiment!.variants.some((v) => v.key === k))!;
    const copy = structuredClone(current!.steps);
    setVariants([...experiment!.variants, { key, name: `Variant ${key}`, weight: 1, steps: copy }]);
    setVariant(experiment!.variants.length);
  };
  const removeVariant = () => {
    setVariants(experiment!.variants.filter((_, i) => i !== index));
    setVariant(Math.max(0, index - 1));
  };
  const setCurrent = (patch: Partial<Variant>) =>
    setVariants(experiment!.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const at = `experiment.variants.${index}`;

  return (
    <section className="section" aria-labelledby="experiment-title">
      <header>
        <h2 id="experiment-title">Experiment</h2>
        <p>
          Show different versions to shares of the audience and keep a holdout who see nothing, to
          prove what the message changes. Each person keeps their variant on every device.
        </p>
      </header>
      <label className="choice">
        <input
          type="checkbox"
          id={fieldId('experiment')}
          checked={experiment !== undefined}
          onChange={(e) => toggle(e.target.checked)}
        />
        <span>Test variants against a holdout</span>
      </label>
      {experiment && current && (
        <div className="stack" style={{ marginTop: 12 }}>
          <Field
            label="Holdout (% of the audience who see nothing)"
            path="experiment.holdoutPercent"
            error={err('experiment.holdoutPercent')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                max={50}
                value={experiment.holdoutPercent}
                onChange={(e) => set({ holdoutPercent: Number(e.target.value) })}
              />
            )}
          </Field>
          <div className="step-tabs" role="tablist" aria-label="Variants">
            {experiment.variants.map((v, i) => (
              <button
                key={v.key}
                type="button"
                role="tab"
                aria-selected={i === index}
                onClick={() => setVariant(i)}
              >
                {v.name || v.key} · {share(v.weight)}%
                {err(`experiment.variants.${i}.steps.0.html`) ? ' ⚠' : ''}
              </button>
            ))}
            {experiment.variants.length < 5 && (
              <button type="button" className="btn btn-sm btn-ghost" onClick={addVariant}>
                + Add variant
              </button>
            )}
          </div>
          {err('experiment.variants') && (
            <p className="field-error" role="alert">
              {err('experiment.variants')}
            </p>
          )}
          <div className="row">
            <Field
              label="Variant name"
              path={`${at}.name`}
              error={err(`${at}.name`)}
              className="grow"
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={current.name}
                  onChange={(e) => setCurrent({ name: e.target.value })}
                />
              )}
            </Field>
            <Field label="Weight" path={`${at}.weight`} error={err(`${at}.weight`)}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={1}
                  max={1000}
                  value={current.weight}
                  onChange={(e) => setCurrent({ weight: Number(e.target.value) })}
                />
              )}
            </Field>
            {experiment.variants.length > 2 && (
              <button type="button" className="btn" onClick={removeVariant}>
                Remove variant
              </button>
            )}
          </div>
          <p className="small muted" role="status">
            {experiment.variants.map((v) => `${v.name || v.key} ${share(v.weight)}%`).join(' · ')}
            {` · holdout ${experiment.holdoutPercent}%`}. The content below is {current.name}’s.
          </p>
        </div>
      )}
    </section>
  );
}
