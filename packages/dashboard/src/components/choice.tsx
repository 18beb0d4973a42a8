import type { ReactNode } from 'react';
import { fieldId } from './ui.js';

/**
 * Radio buttons under a legend (<Choice>s, or richer rows of class `choice`), with the error
 * about the choice below them. With `path`, the error has the field's error id and describes
 * the group.
 */
export function Choices(props: {
  legend: ReactNode;
  error?: string | undefined;
  path?: string;
  children: ReactNode;
}) {
  const errorId = props.path ? `${fieldId(props.path)}-error` : undefined;
  return (
    <fieldset aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div className="stack">
        {props.children}
        {props.error && (
          <span className="field-error" id={errorId} role="alert">
            {props.error}
          </span>
        )}
      </div>
    </fieldset>
  );
}

/** One radio button with its label, and a hint below the label. */
export function Choice(props: {
  name: string;
  id?: string;
  checked: boolean;
  onChange: () => void;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <label className="choice">
      <input
        type="radio"
        name={props.name}
        id={props.id}
        checked={props.checked}
        onChange={props.onChange}
      />
      <span>
        {props.children}
        {props.hint && <span className="hint small muted">{props.hint}</span>}
      </span>
    </label>
  );
}
