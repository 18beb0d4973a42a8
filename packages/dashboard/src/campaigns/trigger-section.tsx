import type { Segment } from '../api/types.js';
import { Choice, Choices } from '../components/choice.js';
import { DurationInput } from '../components/duration-input.js';
import { ExpiresField, SegmentOptions } from '../components/fields.js';
import { Field } from '../components/ui.js';
import type { ErrorFor } from '../messages/draft.js';
import { Link } from '../router.js';
import { PropertyFilters } from '../segments/property-filters.js';
import { type CampaignDraft, DELAY_UNITS } from './draft.js';

/** What starts a campaign (an event with property filters, or entering a segment), its delay and expiry. */
export function TriggerSection(props: {
  ws: string;
  draft: CampaignDraft;
  segments: Segment[];
  update: (patch: Partial<CampaignDraft>) => void;
  err: ErrorFor;
}) {
  const { draft, update, err, segments } = props;
  const triggerError = err('trigger.type') ?? err('trigger');
  return (
    <section className="section" aria-labelledby="trigger-title">
      <header>
        <h2 id="trigger-title">Trigger</h2>
        <p>
          Events may come from the browser SDK or any backend calling the tracking API. Someone who
          triggers it again before opening the last one gets the newest.
        </p>
      </header>
      <div className="stack">
        <Choices legend="When" error={triggerError}>
          <Choice
            name="trigger"
            id="f-trigger-type"
            checked={draft.trigger === 'event'}
            onChange={() => update({ trigger: 'event' })}
          >
            Someone performs an event
          </Choice>
          <Choice
            name="trigger"
            checked={draft.trigger === 'segment_entered'}
            onChange={() => update({ trigger: 'segment_entered' })}
          >
            Someone enters a segment
          </Choice>
        </Choices>
        {draft.trigger === 'event' ? (
          <div className="stack" style={{ gap: 8 }}>
            <Field
              label="Event"
              path="trigger.event"
              error={err('trigger.event')}
              hint="The name given to track(), e.g. Order Completed. Case matters."
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  maxLength={200}
                  placeholder="Order Completed"
                  value={draft.event}
                  onChange={(e) => update({ event: e.target.value })}
                />
              )}
            </Field>
            <PropertyFilters
              filters={draft.where}
              path="trigger.where"
              label="Trigger"
              err={err}
              onChange={(where) => update({ where })}
            />
          </div>
        ) : (
          <Field
            label="Segment"
            path="trigger.segmentId"
            error={err('trigger.segmentId')}
            hint={
              segments.length === 0 ? (
                <>
                  There is no segment yet:{' '}
                  <Link href={`/w/${props.ws}/segments/new`}>create a segment first</Link>.
                </>
              ) : (
                'People who join it from now on; those already in it do not count.'
              )
            }
          >
            {(control) => (
              <select
                {...control}
                value={draft.segmentId}
                onChange={(e) => update({ segmentId: e.target.value })}
              >
                <option value="">Choose a segment…</option>
                <SegmentOptions segments={segments} people={false} />
              </select>
            )}
          </Field>
        )}
        <div className="grid-2">
          <Field
            label="Delay"
            path="delaySeconds"
            error={err('delaySeconds')}
            hint="0: the message is queued at once."
          >
            {(control) => (
              <DurationInput
                control={control}
                amount={draft.delay}
                unit={draft.delayUnit}
                units={DELAY_UNITS}
                unitLabel="Unit of the delay"
                onAmount={(delay) => update({ delay })}
                onUnit={(delayUnit) => update({ delayUnit })}
                nowrap
              />
            )}
          </Field>
          <ExpiresField
            value={draft.expiresDays}
            error={err('expiresDays')}
            onChange={(expiresDays) => update({ expiresDays })}
          />
        </div>
      </div>
    </section>
  );
}
