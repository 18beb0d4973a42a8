import type { PropertyOp } from '../api/types.js';
import { controlOf, FieldError } from '../components/form-error.js';
import { fieldId } from '../components/ui.js';
import type { ErrorFor } from '../messages/draft.js';
import { type FilterDraft, newFilter, operandOf, parseScalar, PROPERTY_OPS } from './conditions.js';

/**
 * Property filters on an event (`total` is greater than 100), as rows: used by segments' event
 * conditions and by campaigns' event triggers. `path` is the API's name for the list
 * (`conditions.conditions.0.where`, `trigger.where`); `label` prefixes each control's name.
 */
export function PropertyFilters(props: {
  filters: FilterDraft[];
  path: string;
  label: string;
  err: ErrorFor;
  onChange: (filters: FilterDraft[]) => void;
}) {
  const { filters, path, label, err } = props;
  const change = (index: number, patch: Partial<FilterDraft>) =>
    props.onChange(filters.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const listError = err(path);
  return (
    <div className="filters">
      {filters.map((filter, index) => {
        const at = `${path}.${index}`;
        const errors = {
          property: err(`${at}.property`),
          op: err(`${at}.op`),
          value: err(`${at}.value`),
          row: err(at),
        };
        const name = `${label} filter ${index + 1}`;
        const operand = operandOf(filter.op);
        return (
          <div key={index} className="filter">
            <div className="filter-row">
              <span className="filter-where" aria-hidden="true">
                {index === 0 ? 'where' : 'and'}
              </span>
              <input
                {...controlOf(`${at}.property`, errors.property)}
                type="text"
                aria-label={`${name}: property`}
                placeholder="property, e.g. total"
                value={filter.property}
                onChange={(e) => change(index, { property: e.target.value })}
              />
              <select
                {...controlOf(`${at}.op`, errors.op)}
                aria-label={`${name}: operator`}
                value={filter.op}
                onChange={(e) => change(index, { op: e.target.value as PropertyOp })}
              >
                {PROPERTY_OPS.map((op) => (
                  <option key={op.value} value={op.value}>
                    {op.label}
                  </option>
                ))}
              </select>
              {operand === 'none' ? (
                <span />
              ) : (
                <input
                  {...controlOf(`${at}.value`, errors.value)}
                  type="text"
                  inputMode={operand === 'number' ? 'decimal' : undefined}
                  aria-label={`${name}: value`}
                  placeholder={operand === 'number' ? '100' : 'value'}
                  value={String(filter.value)}
                  onChange={(e) => change(index, { value: parseScalar(e.target.value) })}
                />
              )}
              <button
                type="button"
                className="btn btn-ghost icon-btn"
                aria-label={`Remove ${name.charAt(0).toLowerCase()}${name.slice(1)}`}
                onClick={() => props.onChange(filters.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </div>
            <FieldError path={`${at}.property`} error={errors.property} />
            <FieldError path={`${at}.op`} error={errors.op} />
            <FieldError path={`${at}.value`} error={errors.value} />
            <FieldError path={at} error={errors.row} />
          </div>
        );
      })}
      <FieldError path={path} error={listError} />
      <button
        type="button"
        className="btn btn-sm"
        id={fieldId(path)}
        aria-describedby={listError ? `${fieldId(path)}-error` : undefined}
        onClick={() => props.onChange([...filters, newFilter()])}
      >
        + Property filter<span className="visually-hidden"> ({label.toLowerCase()})</span>
      </button>
    </div>
  );
}
