import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { fieldId } from './ui.js';

/**
 * A form's save error: the API's error names a field (`trigger.where.0.value`); it is shown
 * beside that field, which takes the focus, or above the form when no field on screen has
 * that name. `err(path)` is the field's message, by default without its dotted name in front.
 */
export function useFormError(
  /** What a field shows of the error that names it. */
  messageOf: (error: ApiError) => string = fieldMessage,
) {
  const [error, setError] = useState<unknown>();
  const focusPending = useRef(false);
  useEffect(() => {
    if (!focusPending.current || !(error instanceof ApiError) || !error.field) return;
    focusPending.current = false;
    const element = document.getElementById(fieldId(error.field));
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  }, [error]);
  const err = (path: string) =>
    error instanceof ApiError && error.field === path ? messageOf(error) : undefined;
  const clear = () => setError(undefined);
  const onScreen =
    error instanceof ApiError && error.field && document.getElementById(fieldId(error.field));
  return {
    error,
    err,
    /** The error when no field shows it. */
    general: error && !onScreen ? error : undefined,
    fail: (reason: unknown) => {
      focusPending.current = true;
      setError(reason);
    },
    clear,
    /** Wraps a setter: the error described the form as it was, and the edit may fix it. */
    edit:
      <T,>(set: (value: T) => void) =>
      (value: T) => {
        set(value);
        clear();
      },
  };
}

/** `conditions.conditions.0.trait must not be empty` → `Must not be empty`. */
export function fieldMessage(error: ApiError): string {
  const prefix = `${error.field} `;
  if (!error.field || !error.message.startsWith(prefix)) return error.message;
  const rest = error.message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The id, aria-invalid and aria-describedby of a control whose error shows in <FieldError>. */
export function controlOf(path: string, error: string | undefined) {
  const id = fieldId(path);
  return {
    id,
    'aria-invalid': Boolean(error),
    'aria-describedby': error ? `${id}-error` : undefined,
  };
}

/** A control's error, below a row of controls (a <Field> shows its own). */
export function FieldError({ path, error }: { path: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(path)}-error`} role="alert" style={{ margin: 0 }}>
      {error}
    </p>
  );
}
