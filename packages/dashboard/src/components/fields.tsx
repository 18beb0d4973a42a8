import type { Segment } from '../api/types.js';
import { Field, formatNumber } from './ui.js';

/**
 * Fields that several forms ask the same way. Each takes its value, its error (`form.err`) and
 * what to do on a change.
 */
interface FieldProps<T> {
  value: T;
  error: string | undefined;
  onChange: (value: T) => void;
}

/** The name of a message, segment or campaign. */
export function NameField({ value, error, onChange }: FieldProps<string>) {
  return (
    <Field label="Name" path="name" error={error} hint="Only your team sees it.">
      {(control) => (
        <input
          {...control}
          type="text"
          value={value}
          maxLength={200}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** How many days what a broadcast or campaign queues waits to be seen. */
export function ExpiresField({ value, error, onChange }: FieldProps<number>) {
  return (
    <Field
      label="Expires after (days)"
      path="expiresDays"
      error={error}
      hint="Someone who has not seen it by then never will."
    >
      {(control) => (
        <input
          {...control}
          type="number"
          min={1}
          max={365}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
        />
      )}
    </Field>
  );
}

/** `<option>`s of the workspace's segments, each with its member count: `Pro (3 people)`. */
export function SegmentOptions(props: {
  segments: Segment[];
  /** False: the count alone, `Pro (3)`. */
  people?: boolean;
}) {
  return (
    <>
      {props.segments.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} ({formatNumber(s.members)}
          {props.people === false ? '' : ` ${s.members === 1 ? 'person' : 'people'}`})
        </option>
      ))}
    </>
  );
}
