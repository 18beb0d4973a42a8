import type { ReactNode } from 'react';

/**
 * The bar below an editor: where the edit stands (unsaved changes, why a save failed), then
 * the other buttons and the save button, which says "Saving…" while busy.
 */
export function SaveBar(props: {
  status: ReactNode;
  busy: boolean;
  /** Disabled besides while busy, e.g. when nothing changed. */
  disabled?: boolean;
  onSave: () => void;
  /** The save button's label: `Save changes`, `Create segment`. */
  save: string;
  /** Buttons before the save button: Cancel, Discard changes. */
  children?: ReactNode;
}) {
  return (
    <div className="save-bar">
      <span className="small muted" role="status">
        {props.status}
      </span>
      <div className="row">
        {props.children}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => props.onSave()}
          disabled={props.busy || props.disabled}
        >
          {props.busy ? 'Saving…' : props.save}
        </button>
      </div>
    </div>
  );
}

/** A failed save in the save bar: its message when no field shows it, else where to look. */
export function NotSaved({ form }: { form: { error: unknown; general: unknown } }) {
  return (
    <span className="field-error">
      Not saved: {form.general ? (form.error as Error).message : 'see the field marked.'}
    </span>
  );
}
