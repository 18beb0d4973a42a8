import type { ReactNode } from 'react';
import type { TraitOp } from '../api/types.js';
import { controlOf, FieldError } from '../components/form-error.js';
import { InteractionRow, WithinDaysInput } from '../components/interaction-row.js';
import { newInteraction } from '../components/interactions.js';
import type { ErrorFor } from '../messages/draft.js';
import {
  type ConditionDraft,
  type EventDraft,
  newEvent,
  newTrait,
  operandOf,
  parseScalar,
  TRAIT_OPS,
  type TraitDraft,
} from './conditions.js';
import { PropertyFilters } from './property-filters.js';

interface RowProps<T extends ConditionDraft> {
  condition: T;
  /** The API's name for it: `conditions.conditions.2.conditions.0`. */
  path: string;
  /** Its number as people read it: `3.1`. */
  label: string;
  err: ErrorFor;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}

/** One condition: on a trait, on an event someone performed, or on what they did with a message. */
export function ConditionRow(props: RowProps<ConditionDraft>) {
  const { condition, path, label, err } = props;
  const typeError = err(`${path}.type`);
  const kind = (
    <select
      {...controlOf(`${path}.type`, typeError)}
      aria-label={`Condition ${label}: kind`}
      value={condition.type}
      onChange={(e) =>
        props.onChange(
          e.target.value === 'event'
            ? newEvent()
            : e.target.value === 'message'
              ? newInteraction()
              : newTrait(),
        )
      }
    >
      <option value="trait">Trait</option>
      <option value="event">Event</option>
      <option value="message">Message</option>
    </select>
  );
  const remove = (
    <button
      type="button"
      className="btn btn-ghost icon-btn"
      aria-label={`Remove condition ${label}`}
      onClick={props.onRemove}
    >
      ✕
    </button>
  );
  return (
    <div className="condition" data-testid={`condition-${label}`}>
      {condition.type === 'trait' ? (
        <TraitRow {...props} condition={condition} kind={kind} remove={remove} />
      ) : condition.type === 'message' ? (
        <InteractionRow
          condition={condition}
          path={path}
          name={`Condition ${label}`}
          err={err}
          onChange={props.onChange}
          kind={kind}
          remove={remove}
        />
      ) : (
        <EventRow {...props} condition={condition} kind={kind} remove={remove} />
      )}
      <FieldError path={`${path}.type`} error={typeError} />
      <FieldError path={path} error={err(path)} />
    </div>
  );
}

type Parts = { kind: ReactNode; remove: ReactNode };

function TraitRow(props: RowProps<TraitDraft> & Parts) {
  const { condition: c, path, label, err } = props;
  const change = (patch: Partial<TraitDraft>) => props.onChange({ ...c, ...patch });
  const errors = {
    trait: err(`${path}.trait`),
    op: err(`${path}.op`),
    value: err(`${path}.value`),
    days: err(`${path}.days`),
  };
  const operand = operandOf(c.op);
  const name = `Condition ${label}`;
  // A date picker for plain dates; an ISO date-time sent through the API stays editable text.
  const plainDate = typeof c.value === 'string' && /^(\d{4}-\d\d-\d\d)?$/.test(c.value);
  return (
    <>
      <div className="condition-row trait-row">
        {props.kind}
        <input
          {...controlOf(`${path}.trait`, errors.trait)}
          type="text"
          aria-label={`${name}: trait`}
          placeholder="trait, e.g. plan or company.size"
          value={c.trait}
          onChange={(e) => change({ trait: e.target.value })}
        />
        <select
          {...controlOf(`${path}.op`, errors.op)}
          aria-label={`${name}: operator`}
          value={c.op}
          onChange={(e) => {
            const op = e.target.value as TraitOp;
            // Text typed for another operator is no date: start the date picker empty.
            const fresh = operandOf(op) === 'date' && operand !== 'date' && !plainDate;
            change(fresh ? { op, value: '' } : { op });
          }}
        >
          {TRAIT_OPS.map((op) => (
            <option key={op.value} value={op.value}>
              {op.label}
            </option>
          ))}
        </select>
        {operand === 'days' ? (
          <span className="row nowrap" style={{ alignItems: 'center', gap: 6 }}>
            <input
              {...controlOf(`${path}.days`, errors.days)}
              className="inline-input"
              type="number"
              min={0}
              aria-label={`${name}: days`}
              value={c.days}
              onChange={(e) => change({ days: Number(e.target.value) })}
            />
            <span className="small muted">
              {c.op === 'more_than_days_ago' ? 'days ago' : 'days'}
            </span>
          </span>
        ) : operand === 'none' ? (
          <span />
        ) : (
          <input
            {...controlOf(`${path}.value`, errors.value)}
            type={operand === 'date' && plainDate ? 'date' : 'text'}
            inputMode={operand === 'number' ? 'decimal' : undefined}
            aria-label={`${name}: value`}
            placeholder={operand === 'number' ? '50' : operand === 'date' ? '2026-01-31' : 'pro'}
            value={String(c.value)}
            onChange={(e) =>
              change({
                value: operand === 'date' ? e.target.value : parseScalar(e.target.value),
              })
            }
          />
        )}
        {props.remove}
      </div>
      <FieldError path={`${path}.trait`} error={errors.trait} />
      <FieldError path={`${path}.op`} error={errors.op} />
      <FieldError path={`${path}.value`} error={errors.value} />
      <FieldError path={`${path}.days`} error={errors.days} />
    </>
  );
}

function EventRow(props: RowProps<EventDraft> & Parts) {
  const { condition: c, path, label, err } = props;
  const change = (patch: Partial<EventDraft>) => props.onChange({ ...c, ...patch });
  const errors = {
    event: err(`${path}.event`),
    atLeast: err(`${path}.atLeast`),
    withinDays: err(`${path}.withinDays`),
    negate: err(`${path}.negate`),
  };
  const name = `Condition ${label}`;
  return (
    <>
      <div className="condition-row event-row">
        {props.kind}
        <select
          {...controlOf(`${path}.negate`, errors.negate)}
          aria-label={`${name}: performed or not`}
          value={c.negate ? 'not' : 'did'}
          onChange={(e) => change({ negate: e.target.value === 'not' })}
        >
          <option value="did">performed</option>
          <option value="not">did not perform</option>
        </select>
        <input
          {...controlOf(`${path}.event`, errors.event)}
          type="text"
          aria-label={`${name}: event`}
          placeholder="event, e.g. Order Completed"
          value={c.event}
          onChange={(e) => change({ event: e.target.value })}
        />
        {props.remove}
      </div>
      <div className="event-window small">
        <span>at least</span>
        <input
          {...controlOf(`${path}.atLeast`, errors.atLeast)}
          className="inline-input"
          type="number"
          min={1}
          aria-label={`${name}: at least how many times`}
          value={c.atLeast}
          onChange={(e) => change({ atLeast: Number(e.target.value) })}
        />
        <span>{c.atLeast === 1 ? 'time' : 'times'} in the last</span>
        <WithinDaysInput
          path={path}
          name={name}
          error={errors.withinDays}
          value={c.withinDays}
          onChange={(withinDays) => change({ withinDays })}
        />
        <span>days (UTC, today included)</span>
      </div>
      <FieldError path={`${path}.event`} error={errors.event} />
      <FieldError path={`${path}.negate`} error={errors.negate} />
      <FieldError path={`${path}.atLeast`} error={errors.atLeast} />
      <FieldError path={`${path}.withinDays`} error={errors.withinDays} />
      <PropertyFilters
        filters={c.where}
        path={`${path}.where`}
        label={name}
        err={err}
        onChange={(where) => change({ where })}
      />
    </>
  );
}
