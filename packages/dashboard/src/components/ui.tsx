import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { MessageStatus } from '@herald/protocol';
import { ApiError, messageOf } from '../api/client.js';

/** Id of the input for a field path: `pageRules.include.0.value` → `f-pageRules-include-0-value`. */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, '-')}`;

/**
 * A labelled form field with its hint and its error. The child is the control; it gets the id
 * (so the <label> points at it) and aria-describedby/aria-invalid through `control`.
 */
export function Field(props: {
  label: ReactNode;
  path: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (control: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
  className?: string;
}) {
  const id = fieldId(props.path);
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        'aria-invalid': Boolean(props.error),
        'aria-describedby': described || undefined,
      })}
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: MessageStatus }) {
  const label = { draft: 'Draft', active: 'Active', paused: 'Paused', archived: 'Archived' }[
    status
  ];
  return <span className={`badge badge-${status}`}>{label}</span>;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const detail =
    error instanceof ApiError && error.code === 'route_not_found'
      ? 'The server does not offer this yet. It may need upgrading.'
      : messageOf(error);
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title}: </strong>}
      {detail}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="spinner" role="status">
      {label}
    </p>
  );
}

export function PageHeader(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  crumb?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        {props.crumb && <span className="breadcrumb">{props.crumb}</span>}
        <h1>{props.title}</h1>
        {props.subtitle && <p className="subtitle">{props.subtitle}</p>}
      </div>
      {props.actions && <div className="actions">{props.actions}</div>}
    </header>
  );
}

/** Copies text to the clipboard and says so for a moment (also to screen readers). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="btn btn-sm" onClick={copy} aria-live="polite">
      {copied ? 'Copied' : label}
    </button>
  );
}

/**
 * A confirmation in a native modal <dialog>: focus moves into it, Escape cancels, focus returns
 * to the opener on close. `onConfirm` may be async; its error is shown in the dialog.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
  /** Disables the confirm button, e.g. until a required input is filled. */
  confirmDisabled?: boolean;
  /** Stay open after a successful confirm (the dialog then shows its own result). */
  stayOpen?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setError(undefined);
      dialog.showModal();
    } else if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      if (!props.stayOpen) props.onClose();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose}>
      <form
        method="dialog"
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <ErrorAlert error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`}
            disabled={busy || props.confirmDisabled}
          >
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export const formatNumber = (n: number | undefined) =>
  n === undefined ? '–' : new Intl.NumberFormat().format(n);

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '–';
