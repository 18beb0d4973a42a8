import { useEffect, useState } from 'react';
import { ApiError, get, patch, post, seg } from '../api/client.js';
import type { Segment } from '../api/types.js';
import { NameField } from '../components/fields.js';
import { useFormError } from '../components/form-error.js';
import { NotSaved, SaveBar } from '../components/save-bar.js';
import { ErrorAlert, Loading, PageHeader } from '../components/ui.js';
import { useLeaveWarning } from '../components/use-leave-warning.js';
import { Link, navigate, useTitle } from '../router.js';
import { checkGroup, type GroupDraft, groupBody, groupDraftOf, newGroup } from './conditions.js';
import { ConditionsBuilder } from './conditions-builder.js';
import { ConditionsSummary } from './conditions-summary.js';

/**
 * Creates or edits a segment: a name and its conditions. The API validates; its error names a
 * field (`conditions.conditions.1.withinDays`), shown beside it. Saving opens the segment, whose
 * membership is then (re)built.
 */
export function SegmentEditorPage({ ws, id }: { ws: string; id?: string }) {
  const [segment, setSegment] = useState<Segment>();
  const [name, setName] = useState('');
  const [group, setGroup] = useState<GroupDraft>(() => newGroup());
  const [baseline, setBaseline] = useState(() => JSON.stringify(['', newGroup()]));
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useFormError();
  useTitle(id ? `Edit ${segment?.name ?? 'segment'}` : 'New segment');

  useEffect(() => {
    if (!id) return;
    get<Segment>(`/workspaces/${seg(ws)}/segments/${seg(id)}`).then((s) => {
      setSegment(s);
      setName(s.name);
      setGroup(groupDraftOf(s.conditions));
      setBaseline(JSON.stringify([s.name, groupDraftOf(s.conditions)]));
    }, setLoadError);
  }, [ws, id]);

  const dirty = JSON.stringify([name, group]) !== baseline;
  useLeaveWarning(dirty);
  const { edit } = form;

  const save = async () => {
    setBusy(true);
    form.clear();
    try {
      if (!name.trim())
        throw new ApiError(400, 'validation_failed', 'Give the segment a name.', 'name');
      const problem = checkGroup(group);
      if (problem) throw problem;
      const conditions = groupBody(group);
      let saved: Segment;
      if (segment) {
        // Unchanged conditions are not sent: a change rebuilds the membership.
        const changed = JSON.stringify(conditions) !== JSON.stringify(segment.conditions);
        saved = await patch<Segment>(`/workspaces/${seg(ws)}/segments/${seg(segment.id)}`, {
          name: name.trim(),
          ...(changed ? { conditions } : {}),
        });
      } else {
        saved = await post<Segment>(`/workspaces/${seg(ws)}/segments`, {
          name: name.trim(),
          conditions,
        });
      }
      setBaseline(JSON.stringify([name, group]));
      navigate(`/w/${ws}/segments/${seg(saved.id)}`);
    } catch (reason) {
      form.fail(reason);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <ErrorAlert error={loadError} title="Could not load the segment" />;
  if (id && !segment) return <Loading />;

  return (
    <div>
      <PageHeader
        crumb={
          segment ? (
            <Link href={`/w/${ws}/segments/${seg(segment.id)}`}>← {segment.name}</Link>
          ) : (
            <Link href={`/w/${ws}/segments`}>← Segments</Link>
          )
        }
        title={segment ? `Edit ${segment.name}` : 'New segment'}
        subtitle="A group of identified people, by their traits and what they did. Membership is kept up to date as your site sends identify and track calls."
      />
      <div className="stack">
        {form.general ? <ErrorAlert error={form.general} title="Not saved" /> : null}
        <section className="section" aria-labelledby="segment-title">
          <header>
            <h2 id="segment-title">Segment</h2>
          </header>
          <NameField value={name} error={form.err('name')} onChange={edit(setName)} />
        </section>
        <section className="section" aria-labelledby="conditions-title">
          <header>
            <h2 id="conditions-title">Conditions</h2>
            <p>
              Traits come from <code>identify</code> calls (dotted paths such as{' '}
              <code>company.size</code> work); events from <code>track</code> calls. Text ignores
              case. Events count from the moment a segment mentions them.
            </p>
          </header>
          <ConditionsBuilder group={group} err={form.err} onChange={edit(setGroup)} />
        </section>
        <section className="section" aria-labelledby="words-title">
          <header>
            <h2 id="words-title">In words</h2>
          </header>
          <ConditionsSummary group={groupBody(group)} />
        </section>
      </div>
      <SaveBar
        status={form.error ? <NotSaved form={form} /> : dirty ? 'Unsaved changes' : 'No changes'}
        busy={busy}
        disabled={Boolean(segment) && !dirty}
        onSave={save}
        save={segment ? 'Save changes' : 'Create segment'}
      >
        <Link
          className="btn"
          href={segment ? `/w/${ws}/segments/${seg(segment.id)}` : `/w/${ws}/segments`}
        >
          Cancel
        </Link>
      </SaveBar>
    </div>
  );
}
