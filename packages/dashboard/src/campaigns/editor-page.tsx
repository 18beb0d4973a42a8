import { useEffect, useState } from 'react';
import { get, patch, post, seg } from '../api/client.js';
import type { Campaign } from '../api/types.js';
import { MessageOptions, loadSendables, MissingPrerequisites } from '../broadcasts/sendable.js';
import { NameField } from '../components/fields.js';
import { useFormError } from '../components/form-error.js';
import { NotSaved, SaveBar } from '../components/save-bar.js';
import { ErrorAlert, Field, Loading, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, navigate, useLocation, useTitle } from '../router.js';
import {
  type CampaignDraft,
  campaignBody,
  campaignDraftOf,
  checkCampaign,
  newCampaignDraft,
} from './draft.js';
import { TriggerSection } from './trigger-section.js';

/**
 * Creates or edits a campaign: which message, what triggers it (an event, with property
 * filters, or entering a segment), after what delay, for how long. A campaign is active from
 * its creation. Its message cannot change afterwards.
 */
export function CampaignEditorPage({ ws, id }: { ws: string; id?: string }) {
  const { search } = useLocation();
  const sendables = useAsync(() => loadSendables(ws), [ws]);
  const [campaign, setCampaign] = useState<Campaign>();
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    newCampaignDraft(search.get('segment') ?? ''),
  );
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useFormError();
  useTitle(id ? `Edit ${campaign?.name ?? 'campaign'}` : 'New campaign');

  useEffect(() => {
    if (!id) return;
    get<Campaign>(`/workspaces/${seg(ws)}/campaigns/${seg(id)}`).then((c) => {
      setCampaign(c);
      setDraft(campaignDraftOf(c));
    }, setLoadError);
  }, [ws, id]);

  const update = (patchDraft: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...patchDraft }));
    form.clear();
  };

  const save = async () => {
    setBusy(true);
    form.clear();
    try {
      const problem = checkCampaign(draft, !campaign);
      if (problem) throw problem;
      const saved = campaign
        ? await patch<Campaign>(
            `/workspaces/${seg(ws)}/campaigns/${seg(campaign.id)}`,
            campaignBody(draft, false),
          )
        : await post<Campaign>(`/workspaces/${seg(ws)}/campaigns`, campaignBody(draft, true));
      navigate(`/w/${ws}/campaigns/${seg(saved.id)}`);
    } catch (reason) {
      form.fail(reason);
    } finally {
      setBusy(false);
    }
  };

  const error = loadError ?? sendables.error;
  if (error) return <ErrorAlert error={error} title="Could not load the campaign" />;
  if ((id && !campaign) || !sendables.data) return <Loading />;
  const { sendable, messages, segments } = sendables.data;
  const current = messages.find((m) => m.id === draft.messageId);
  const back = campaign ? `/w/${ws}/campaigns/${seg(campaign.id)}` : `/w/${ws}/campaigns`;

  return (
    <div>
      <PageHeader
        crumb={<Link href={back}>← {campaign ? campaign.name : 'Campaigns'}</Link>}
        title={campaign ? `Edit ${campaign.name}` : 'New campaign'}
        subtitle="Queues a message for each person who performs an event or enters a segment, after an optional delay."
      />
      {!campaign && (
        <MissingPrerequisites
          ws={ws}
          what="campaign"
          sendables={sendables.data}
          needsSegment={false}
        />
      )}
      {(campaign || sendable.length > 0) && (
        <div className="stack">
          {form.general ? <ErrorAlert error={form.general} title="Not saved" /> : null}
          <section className="section" aria-labelledby="campaign-title">
            <header>
              <h2 id="campaign-title">Campaign</h2>
            </header>
            <div className="grid-2">
              <NameField
                value={draft.name}
                error={form.err('name')}
                onChange={(name) => update({ name })}
              />
              <Field
                label="Message"
                path="messageId"
                error={form.err('messageId')}
                hint={
                  campaign
                    ? 'The message of a campaign cannot change: create another campaign.'
                    : 'Messages for identified people. It can use the event’s properties: {{event.total}}.'
                }
              >
                {(control) =>
                  campaign ? (
                    <input
                      {...control}
                      type="text"
                      readOnly
                      value={current?.name ?? draft.messageId}
                    />
                  ) : (
                    <select
                      {...control}
                      value={draft.messageId}
                      onChange={(e) => update({ messageId: e.target.value })}
                    >
                      <option value="">Choose a message…</option>
                      <MessageOptions messages={sendable} />
                    </select>
                  )
                }
              </Field>
            </div>
          </section>
          <TriggerSection
            ws={ws}
            draft={draft}
            segments={segments}
            update={update}
            err={form.err}
          />
          <SaveBar
            status={
              form.error ? (
                <NotSaved form={form} />
              ) : campaign ? (
                'Changes apply to what triggers it from now on.'
              ) : (
                'The campaign starts as soon as it is created.'
              )
            }
            busy={busy}
            onSave={save}
            save={campaign ? 'Save changes' : 'Create and start'}
          >
            <Link className="btn" href={back}>
              Cancel
            </Link>
          </SaveBar>
        </div>
      )}
    </div>
  );
}
