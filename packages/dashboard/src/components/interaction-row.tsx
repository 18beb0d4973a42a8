import type { Interaction } from '@herald/protocol';
import type { ReactNode } from 'react';
import type { ErrorFor } from '../messages/draft.js';
import { controlOf, FieldError } from './form-error.js';
import { INTERACTION_LABELS, type InteractionDraft, useMessageNames } from './interactions.js';

/**
 * One "has (not) seen / clicked / dismissed / converted on message X (in the last N days)"
 * condition, for a segment or a message's audience. `kind` and `remove` are the container's
 * own controls (the segment builder's kind picker, a remove button).
 */
export function InteractionRow(props: {
  condition: InteractionDraft;
  path: string;
  /** How people read its place: `Condition 2`, `Earlier interaction 1`. */
  name: string;
  err: ErrorFor;
  onChange: (condition: InteractionDraft) => void;
  kind?: ReactNode;
  remove: ReactNode;
}) {
  const { condition: c, path, name, err } = props;
  const names = useMessageNames();
  const change = (patch: Partial<InteractionDraft>) => props.onChange({ ...c, ...patch });
  const errors = {
    negate: err(`${path}.negate`),
    interaction: err(`${path}.interaction`),
    messageId: err(`${path}.messageId`),
    withinDays: err(`${path}.withinDays`),
  };
  const options = [...names.entries()];
  if (c.messageId && !names.has(c.messageId)) options.push([c.messageId, `message ${c.messageId}`]);
  return (
    <>
      <div className="condition-row message-row">
        {props.kind}
        <select
          {...controlOf(`${path}.negate`, errors.negate)}
          aria-label={`${name}: has or has not`}
          value={c.negate ? 'not' : 'has'}
          onChange={(e) => change({ negate: e.target.value === 'not' })}
        >
          <option value="has">has</option>
          <option value="not">has not</option>
        </select>
        <select
          {...controlOf(`${path}.interaction`, errors.interaction)}
          aria-label={`${name}: interaction`}
          value={c.interaction}
          onChange={(e) => change({ interaction: e.target.value as Interaction })}
        >
          {(Object.entries(INTERACTION_LABELS) as Array<[Interaction, string]>).map(
            ([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ),
          )}
        </select>
        <select
          {...controlOf(`${path}.messageId`, errors.messageId)}
          aria-label={`${name}: message`}
          value={c.messageId}
          onChange={(e) => change({ messageId: e.target.value })}
        >
          <option value="">Choose a message…</option>
          {options.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        {props.remove}
      </div>
      <div className="event-window small">
        <select
          aria-label={`${name}: when`}
          value={c.windowed ? 'window' : 'ever'}
          onChange={(e) => change({ windowed: e.target.value === 'window' })}
        >
          <option value="ever">ever</option>
          <option value="window">in the last</option>
        </select>
        {c.windowed && (
          <>
            <WithinDaysInput
              path={path}
              name={name}
              error={errors.withinDays}
              value={c.withinDays}
              onChange={(withinDays) => change({ withinDays })}
            />
            <span>days</span>
          </>
        )}
      </div>
      <FieldError path={`${path}.negate`} error={errors.negate} />
      <FieldError path={`${path}.interaction`} error={errors.interaction} />
      <FieldError path={`${path}.messageId`} error={errors.messageId} />
      <FieldError path={`${path}.withinDays`} error={errors.withinDays} />
    </>
  );
}

/** The N of "in the last N days" (1 to 365), for event and message conditions alike. */
export function WithinDaysInput(props: {
  path: string;
  name: string;
  error: string | undefined;
  value: number;
  onChange: (days: number) => void;
}) {
  return (
    <input
      {...controlOf(`${props.path}.withinDays`, props.error)}
      className="inline-input"
      type="number"
      min={1}
      max={365}
      aria-label={`${props.name}: within how many days`}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
    />
  );
}
