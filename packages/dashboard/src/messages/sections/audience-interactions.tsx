import type { InteractionCondition } from '@herald/protocol';
import { InteractionRow } from '../../components/interaction-row.js';
import {
  interactionBody,
  interactionDraftOf,
  newInteraction,
} from '../../components/interactions.js';
import type { SectionProps } from '../draft.js';

/**
 * The audience's earlier interactions: only visitors who have (or have not) seen, clicked,
 * dismissed or converted on other messages, all of them, anonymous visitors as well as people.
 */
export function AudienceInteractions({ draft, update, err }: SectionProps) {
  const conditions = draft.audience.interactions ?? [];
  const set = (interactions: InteractionCondition[]) =>
    update({ audience: { ...draft.audience, interactions } });
  return (
    <fieldset>
      <legend>Only visitors who…</legend>
      <div className="stack">
        {conditions.length === 0 && (
          <p className="small muted" style={{ margin: 0 }}>
            Whatever they did with other messages.
          </p>
        )}
        {conditions.map((condition, i) => {
          const name = `Earlier interaction ${i + 1}`;
          return (
            <div className="condition" key={i}>
              <InteractionRow
                condition={interactionDraftOf(condition)}
                path={`audience.interactions.${i}`}
                name={name}
                err={err}
                onChange={(next) =>
                  set(conditions.map((c, j) => (j === i ? interactionBody(next) : c)))
                }
                remove={
                  <button
                    type="button"
                    className="btn btn-ghost icon-btn"
                    aria-label={`Remove ${name.toLowerCase()}`}
                    onClick={() => set(conditions.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                }
              />
            </div>
          );
        })}
        {conditions.length < 10 && (
          <button
            type="button"
            className="btn btn-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => set([...conditions, interactionBody(newInteraction())])}
          >
            + Add an earlier interaction
          </button>
        )}
      </div>
    </fieldset>
  );
}
