import { useMemo } from 'react';
import { Choice, Choices } from '../../components/choice.js';
import { DurationInput, largestUnit } from '../../components/duration-input.js';
import { Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';
import { allZones, browserZone, isoToWall, wallToIso } from '../timezones.js';

const UNITS = [
  { label: 'seconds', seconds: 1 },
  { label: 'minutes', seconds: 60 },
  { label: 'hours', seconds: 3600 },
  { label: 'days', seconds: 86400 },
];

/** The largest unit that divides the cooldown evenly, to show 86400 s as "1 day". */
const unitOf = (seconds: number) => largestUnit(seconds, UNITS) ?? UNITS[1]!;

/** How often (frequency), when (schedule) and what counts as success (goal). */
export function DeliverySection({ draft, update, err }: SectionProps) {
  const { frequency, schedule, goal } = draft;
  const zones = useMemo(allZones, []);
  const zone = schedule.timezone || browserZone();
  const unit = unitOf(frequency.cooldownSeconds);
  const setSchedule = (patch: Partial<typeof schedule>) =>
    update({ schedule: { ...schedule, timezone: zone, ...patch } });
  const maxViewsError = err('frequency.maxViews');

  return (
    <section className="section" aria-labelledby="delivery-title">
      <header>
        <h2 id="delivery-title">Frequency, schedule and goal</h2>
      </header>
      <div className="stack">
        <Choices legend="How often" error={maxViewsError}>
          <Choice
            name="frequency"
            checked={frequency.maxViews === null}
            onChange={() => update({ frequency: { ...frequency, maxViews: null } })}
            hint="On every matching page until the person dismisses it."
          >
            Show always
          </Choice>
          <div className="choice">
            <input
              type="radio"
              name="frequency"
              id="frequency-limited"
              checked={frequency.maxViews !== null}
              onChange={() => update({ frequency: { ...frequency, maxViews: 1 } })}
            />
            <span className="row nowrap" style={{ alignItems: 'center', gap: 8 }}>
              <label htmlFor="frequency-limited">At most</label>
              <input
                id={fieldId('frequency.maxViews')}
                className="inline-input"
                type="number"
                min={1}
                aria-label="Most views per person"
                aria-invalid={Boolean(maxViewsError)}
                disabled={frequency.maxViews === null}
                value={frequency.maxViews ?? ''}
                onChange={(e) =>
                  update({
                    frequency: {
                      ...frequency,
                      maxViews: e.target.value === '' ? 1 : Number(e.target.value),
                    },
                  })
                }
              />
              <span>times per person</span>
            </span>
          </div>
        </Choices>
        <Field
          label="Wait between two views"
          path="frequency.cooldownSeconds"
          error={err('frequency.cooldownSeconds')}
          hint="0 shows it again on the next matching page."
        >
          {(control) => (
            <DurationInput
              control={control}
              amount={frequency.cooldownSeconds / unit.seconds}
              unit={unit.seconds}
              units={UNITS}
              unitLabel="Unit of the wait"
              onAmount={(amount) =>
                update({ frequency: { ...frequency, cooldownSeconds: amount * unit.seconds } })
              }
              onUnit={(seconds) => {
                const amount = frequency.cooldownSeconds / unit.seconds;
                update({ frequency: { ...frequency, cooldownSeconds: amount * seconds } });
              }}
            />
          )}
        </Field>

        <div className="grid-2">
          <Field
            label="Start"
            path="schedule.startAt"
            error={err('schedule.startAt')}
            hint="Empty: as soon as it is launched."
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={isoToWall(schedule.startAt, zone)}
                onChange={(e) => setSchedule({ startAt: wallToIso(e.target.value, zone) ?? null })}
              />
            )}
          </Field>
          <Field
            label="End"
            path="schedule.endAt"
            error={err('schedule.endAt')}
            hint="Empty: until paused or archived."
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={isoToWall(schedule.endAt, zone)}
                onChange={(e) => setSchedule({ endAt: wallToIso(e.target.value, zone) ?? null })}
              />
            )}
          </Field>
        </div>
        <Field
          label="Time zone"
          path="schedule.timezone"
          error={err('schedule.timezone')}
          hint="The start and end above are clock times in this zone."
        >
          {(control) => (
            <select
              {...control}
              value={zone}
              onChange={(e) => {
                // Keep the clock times the person typed; re-read them in the new zone.
                const start = isoToWall(schedule.startAt, zone);
                const end = isoToWall(schedule.endAt, zone);
                const next = e.target.value;
                update({
                  schedule: {
                    timezone: next,
                    startAt: wallToIso(start, next) ?? null,
                    endAt: wallToIso(end, next) ?? null,
                  },
                });
              }}
            >
              {(zones.includes(zone) ? zones : [zone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>

        <div className="grid-2">
          <Field
            label="Goal"
            path="goal.criteria"
            error={err('goal.criteria')}
            hint="An anonymous visitor converts by signing up (being identified) within the window after this."
          >
            {(control) => (
              <select
                {...control}
                value={goal.criteria}
                onChange={(e) =>
                  update({ goal: { ...goal, criteria: e.target.value as 'click' | 'view' } })
                }
              >
                <option value="click">Clicked a button, then signed up</option>
                <option value="view">Saw the message, then signed up</option>
              </select>
            )}
          </Field>
          <Field label="Window (days)" path="goal.windowDays" error={err('goal.windowDays')}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                value={goal.windowDays}
                onChange={(e) => update({ goal: { ...goal, windowDays: Number(e.target.value) } })}
              />
            )}
          </Field>
        </div>
        <Field
          label="Goal event (optional)"
          path="goal.event"
          error={err('goal.event')}
          hint="Count only people who also perform this event, e.g. “Order Completed”."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={goal.event ?? ''}
              onChange={(e) => update({ goal: { ...goal, event: e.target.value } })}
            />
          )}
        </Field>
      </div>
    </section>
  );
}
