/**
 * A length of time as a number of units: `2` `hours`. What it edits is stored either as the
 * amount and the unit (a campaign's delay) or as seconds shown in their largest whole unit
 * (a message's wait between views).
 */

export interface TimeUnit {
  label: string;
  seconds: number;
}

/** The largest of `units` that divides `seconds` evenly: 7200 s is 2 hours; none for 0. */
export function largestUnit<U extends TimeUnit>(
  seconds: number,
  units: readonly U[],
): U | undefined {
  return [...units].reverse().find((u) => seconds > 0 && seconds % u.seconds === 0);
}

/**
 * The amount (never below 0) and its unit, side by side; `control` (from a <Field>) goes on
 * the amount, which the field's label names.
 */
export function DurationInput(props: {
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  amount: number;
  /** Seconds per unit: one of `units`. */
  unit: number;
  units: readonly TimeUnit[];
  /** The unit's label for screen readers: `Unit of the delay`. */
  unitLabel: string;
  onAmount: (amount: number) => void;
  onUnit: (seconds: number) => void;
  /** Keeps the two on one line. */
  nowrap?: boolean;
}) {
  return (
    <div className={props.nowrap ? 'row nowrap' : 'row'}>
      <input
        {...props.control}
        className="inline-input"
        type="number"
        min={0}
        value={props.amount}
        onChange={(e) => props.onAmount(Math.max(0, Number(e.target.value || 0)))}
      />
      <select
        aria-label={props.unitLabel}
        style={{ width: 'auto' }}
        value={props.unit}
        onChange={(e) => props.onUnit(Number(e.target.value))}
      >
        {props.units.map((u) => (
          <option key={u.seconds} value={u.seconds}>
            {u.label}
          </option>
        ))}
      </select>
    </div>
  );
}
