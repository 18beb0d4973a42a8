import { messageOf } from '../../api/client.js';
import type { Segment } from '../../api/types.js';
import { Choice, Choices } from '../../components/choice.js';
import { NameField, SegmentOptions } from '../../components/fields.js';
import { Field, fieldId } from '../../components/ui.js';
import { Link } from '../../router.js';
import type { SectionProps } from '../draft.js';
import { AudienceInteractions } from './audience-interactions.js';

/**
 * Name, description, audience (anonymous visitors, or identified people, optionally in one of
 * the workspace's segments) and priority.
 */
export function BasicsSection({
  ws,
  segments,
  draft,
  update,
  err,
}: SectionProps & {
  ws: string;
  /** The workspace's segments: undefined while they load, or with the error that stopped it. */
  segments: { list: Segment[] | undefined; error: unknown };
}) {
  const audienceError = err('audience.type') ?? err('audience');
  const segment = draft.audience.type === 'identified' ? (draft.audience.segment ?? '') : '';
  const list = segments.list;
  // A segment the list does not have (still loading, or deleted since) stays chosen, by its id.
  const unlisted = segment !== '' && !list?.some((s) => s.id === segment);
  return (
    <section className="section" aria-labelledby="basics-title">
      <header>
        <h2 id="basics-title">Message</h2>
      </header>
      <div className="stack">
        <NameField value={draft.name} error={err('name')} onChange={(name) => update({ name })} />
        <Field label="Description" path="description" error={err('description')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={draft.description}
              onChange={(e) => update({ description: e.target.value })}
            />
          )}
        </Field>
        <div className="grid-2">
          <Choices legend="Audience" error={audienceError} path="audience.type">
            <Choice
              name="audience"
              id={fieldId('audience.type')}
              checked={draft.audience.type === 'anonymous'}
              onChange={() =>
                update({ audience: { type: 'anonymous', ...interactionsOf(draft.audience) } })
              }
              hint="Everyone not identified yet; never someone who is."
            >
              Anonymous visitors
            </Choice>
            <Choice
              name="audience"
              checked={draft.audience.type === 'identified'}
              onChange={() =>
                update({
                  audience: {
                    type: 'identified',
                    segment: null,
                    ...interactionsOf(draft.audience),
                  },
                })
              }
              hint="People your site has identified, optionally in a segment."
            >
              Identified people
            </Choice>
          </Choices>
          <div className="stack">
            <Field
              label="Priority"
              path="priority"
              error={err('priority')}
              hint="1 is the highest. One message per spot on screen at a time; higher priority first."
            >
              {(control) => (
                <select
                  {...control}
                  value={draft.priority}
                  onChange={(e) => update({ priority: Number(e.target.value) })}
                >
                  {Array.from({ length: 10 }, (_, i) => i + 1).map((p) => (
                    <option key={p} value={p}>
                      {p}
                      {p === 1 ? ' (highest)' : p === 10 ? ' (lowest)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {draft.audience.type === 'identified' && (
              <Field
                label="Segment (optional)"
                path="audience.segment"
                error={err('audience.segment')}
                hint={
                  segments.error ? (
                    `Could not load the segments: ${messageOf(segments.error)}`
                  ) : list?.length === 0 ? (
                    <>
                      There is no segment yet:{' '}
                      <Link href={`/w/${ws}/segments/new`}>create a segment</Link> to show this only
                      to some people.
                    </>
                  ) : (
                    'Only its members see the message. No segment: everyone identified.'
                  )
                }
              >
                {(control) => (
                  <select
                    {...control}
                    value={segment}
                    onChange={(e) =>
                      update({
                        audience: {
                          ...draft.audience,
                          type: 'identified',
                          segment: e.target.value || null,
                        },
                      })
                    }
                  >
                    <option value="">No segment</option>
                    {list && <SegmentOptions segments={list} />}
                    {unlisted && (
                      <option value={segment}>{list ? `${segment} (not found)` : segment}</option>
                    )}
                  </select>
                )}
              </Field>
            )}
          </div>
        </div>
        <AudienceInteractions draft={draft} update={update} err={err} />
      </div>
    </section>
  );
}

/** The audience's earlier interactions, kept when its type changes. */
const interactionsOf = (audience: SectionProps['draft']['audience']) =>
  audience.interactions ? { interactions: audience.interactions } : {};
