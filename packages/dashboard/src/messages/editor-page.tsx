import { useEffect, useState } from 'react';
import type { Message } from '@herald/protocol';
import { ApiError, get, patch, post, seg } from '../api/client.js';
import type { Segment } from '../api/types.js';
import { useFormError } from '../components/form-error.js';
import { SaveBar } from '../components/save-bar.js';
import { ConfirmDialog, ErrorAlert, Loading, PageHeader, StatusBadge } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { useLeaveWarning } from '../components/use-leave-warning.js';
import { Link, navigate, useTitle } from '../router.js';
import { MessageActions } from './actions.js';
import { type Draft, draftOf, newDraft, stepsOf, toBody, withSteps } from './draft.js';
import { MessagePreview } from './preview/message-preview.js';
import { BasicsSection } from './sections/basics.js';
import { DeliverySection } from './sections/delivery.js';
import { DisplaySection } from './sections/display.js';
import { ExperimentSection } from './sections/experiment.js';
import { InboxSection } from './sections/inbox.js';
import { PageRulesSection } from './sections/page-rules.js';
import { StepsSection } from './sections/steps.js';
import { TriggerSection } from './sections/trigger.js';

/**
 * Creates or edits a message. The API validates; its error names a field (`steps.0.html`),
 * shown beside that field, which also takes the focus. Editing a live message saves a new
 * version, after a confirmation.
 */
export function MessageEditorPage({ ws, id }: { ws: string; id?: string }) {
  const [message, setMessage] = useState<Message>();
  const [draft, setDraft] = useState<Draft>(newDraft);
  const [baseline, setBaseline] = useState(() => JSON.stringify(newDraft()));
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirmVersion, setConfirmVersion] = useState(false);
  const [saved, setSaved] = useState(false);
  /** The variant whose content is being edited and previewed. */
  const [variant, setVariant] = useState(0);
  // Beside its field, the API's message whole: `steps.0.html must not be empty`.
  const form = useFormError((error) => error.message);
  // What the audience may be narrowed to.
  const segments = useAsync(
    () => get<{ data: Segment[] }>(`/workspaces/${seg(ws)}/segments`),
    [ws],
  );
  useTitle(id ? (message?.name ?? 'Message') : 'New message');

  useEffect(() => {
    if (!id) return;
    get<Message>(`/workspaces/${seg(ws)}/messages/${seg(id)}`).then((m) => {
      setMessage(m);
      setDraft(draftOf(m));
      setBaseline(JSON.stringify(draftOf(m)));
    }, setLoadError);
  }, [ws, id]);

  const dirty = JSON.stringify(draft) !== baseline;
  useLeaveWarning(dirty);

  const update = (patchDraft: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patchDraft }));
    setSaved(false);
    // The error described the draft as it was; an edit may well have fixed it.
    form.clear();
  };
  const { err } = form;

  const save = async (newVersion = false) => {
    setBusy(true);
    form.clear();
    setSaved(false);
    try {
      if (!draft.name.trim())
        throw new ApiError(400, 'validation_failed', 'Give the message a name.', 'name');
      const body = toBody(draft);
      const result = message
        ? await patch<Message>(
            `/workspaces/${seg(ws)}/messages/${seg(message.id)}`,
            newVersion ? { ...body, newVersion: true } : body,
          )
        : await post<Message>(`/workspaces/${seg(ws)}/messages`, body);
      setMessage(result);
      setDraft(draftOf(result));
      setBaseline(JSON.stringify(draftOf(result)));
      setSaved(true);
      if (!message) navigate(`/w/${ws}/messages/${seg(result.id)}`, { replace: true });
    } catch (reason) {
      if (reason instanceof ApiError && reason.code === 'message_live') {
        setConfirmVersion(true);
      } else {
        form.fail(reason);
      }
      throw reason;
    } finally {
      setBusy(false);
    }
  };
  const requestSave = () => {
    if (message && (message.status === 'active' || message.status === 'paused'))
      setConfirmVersion(true);
    else save().catch(() => undefined);
  };

  if (loadError) return <ErrorAlert error={loadError} title="Could not load the message" />;
  if (id && !message) return <Loading />;

  return (
    // Not a <form>: the confirmation dialogs inside are forms of their own.
    <div>
      <PageHeader
        crumb={<Link href={`/w/${ws}/messages`}>← Messages</Link>}
        title={
          <span className="row" style={{ alignItems: 'center', gap: 10 }}>
            {message ? message.name : 'New message'}
            {message && <StatusBadge status={message.status} />}
          </span>
        }
        subtitle={
          message
            ? `Version ${message.version}`
            : 'Choose who sees it, where, and what it says. It stays a draft until you launch it.'
        }
        actions={
          message ? (
            <MessageActions
              ws={ws}
              message={message}
              dirty={dirty}
              onChange={(m) => setMessage(m)}
            />
          ) : undefined
        }
      />
      <div className="editor-layout">
        {form.general ? <ErrorAlert error={form.general} title="Not saved" /> : null}
        <BasicsSection
          ws={ws}
          segments={{ list: segments.data?.data, error: segments.error }}
          draft={draft}
          update={update}
          err={err}
        />
        <PageRulesSection draft={draft} update={update} err={err} />
        <DeliverySection draft={draft} update={update} err={err} />
        <DisplaySection draft={draft} update={update} err={err} />
        <TriggerSection draft={draft} update={update} err={err} />
        <InboxSection draft={draft} update={update} err={err} />
        <ExperimentSection
          draft={draft}
          update={update}
          err={err}
          variant={variant}
          setVariant={setVariant}
        />
        <StepsSection
          steps={stepsOf(draft, variant)}
          onSteps={(steps) => update(withSteps(draft, variant, steps))}
          path={draft.experiment ? `experiment.variants.${variant}.steps` : 'steps'}
          err={err}
        />
        <MessagePreview draft={draft} messageId={message?.id} variant={variant} />
      </div>
      <SaveBar
        status={
          form.error ? (
            <span className="field-error">Not saved: {(form.error as Error).message}</span>
          ) : dirty ? (
            'Unsaved changes'
          ) : saved ? (
            'Saved.'
          ) : (
            'No changes'
          )
        }
        busy={busy}
        disabled={Boolean(message) && !dirty}
        onSave={requestSave}
        save={message ? 'Save changes' : 'Create draft'}
      >
        {message && dirty && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(draftOf(message));
              form.clear();
            }}
          >
            Discard changes
          </button>
        )}
      </SaveBar>
      <ConfirmDialog
        open={confirmVersion}
        title="Save a new version?"
        confirmLabel={`Save as version ${(message?.version ?? 1) + 1}`}
        onConfirm={() => save(true)}
        onClose={() => setConfirmVersion(false)}
      >
        <p>
          This message is {message?.status}. Your changes become version{' '}
          {(message?.version ?? 1) + 1}, which people see from their next page.
        </p>
      </ConfirmDialog>
    </div>
  );
}
