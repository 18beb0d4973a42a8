import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, get, patch, post, seg } from '../api/client.js';
import type { Workspace } from '../api/types.js';
import { ConfirmDialog, CopyButton, ErrorAlert, Field, PageHeader } from '../components/ui.js';
import { useTitle } from '../router.js';
import { buildSnippet } from './snippet.js';

type KeyKind = 'write' | 'secret';

/** Workspace settings: name, in-app switches, identity verification, keys and the snippet. */
export function SettingsPage(props: { workspace: Workspace; onChange: (ws: Workspace) => void }) {
  const { workspace } = props;
  useTitle(`Settings · ${workspace.name}`);
  const [name, setName] = useState(workspace.name);
  const [enabled, setEnabled] = useState(workspace.inApp.enabled);
  const [anonymous, setAnonymous] = useState(workspace.inApp.anonymous);
  const [verification, setVerification] = useState(workspace.identityVerification);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState<KeyKind>();
  const [showSecret, setShowSecret] = useState(false);
  const [stub, setStub] = useState<string>();

  useEffect(() => {
    setName(workspace.name);
    setEnabled(workspace.inApp.enabled);
    setAnonymous(workspace.inApp.anonymous);
    setVerification(workspace.identityVerification);
  }, [workspace]);
  useEffect(() => {
    // The SDK's own snippet, so the copy shown is exactly what the server will load.
    fetch('/sdk/snippet.min.js').then(
      (r) => (r.ok ? r.text().then(setStub) : undefined),
      () => undefined,
    );
  }, []);

  const dirty =
    name !== workspace.name ||
    enabled !== workspace.inApp.enabled ||
    anonymous !== workspace.inApp.anonymous ||
    verification !== workspace.identityVerification;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await patch<Workspace>(`/workspaces/${seg(workspace.id)}`, {
        name: name.trim(),
        inApp: { enabled, anonymous },
        identityVerification: verification,
      });
      props.onChange(updated);
      setSaved(true);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async (kind: KeyKind) => {
    await post(`/workspaces/${seg(workspace.id)}/keys/${kind}/rotate`);
    props.onChange(await get<Workspace>(`/workspaces/${seg(workspace.id)}`));
  };

  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  const snippet = buildSnippet({
    stub,
    origin: window.location.origin,
    writeKey: workspace.writeKey,
    anonymous: workspace.inApp.anonymous,
  });

  return (
    <>
      <PageHeader
        title="Workspace settings"
        subtitle={
          <>
            Workspace ID <code>{workspace.id}</code>
          </>
        }
      />
      <form className="section" onSubmit={save} aria-labelledby="general-title">
        <header>
          <h2 id="general-title">General and in-app messages</h2>
        </header>
        <div className="stack">
          {error && !(error instanceof ApiError && error.field) ? (
            <ErrorAlert error={error} />
          ) : null}
          <Field label="Workspace name" path="name" error={fieldError('name')}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={name}
                maxLength={200}
                required
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <div>
            <Switch
              id="inapp-enabled"
              label="Enable in-app messages"
              hint="Pages with the snippet fetch and show this workspace's messages to identified people."
              checked={enabled}
              onChange={setEnabled}
            />
            <Switch
              id="inapp-anonymous"
              label="Enable anonymous in-app messages"
              hint="Also show messages to visitors who have not been identified. The snippet below asks for them with anonymousInApp: true."
              checked={anonymous}
              onChange={setAnonymous}
            />
            <Switch
              id="identity-verification"
              label="Require identity verification"
              hint="A visitor's userId counts only with a signature from your backend, made with the secret key, so nobody can read another person's messages."
              checked={verification}
              onChange={setVerification}
            />
          </div>
          <div className="row">
            <button className="btn btn-primary" type="submit" disabled={busy || !dirty}>
              {busy ? 'Saving…' : 'Save changes'}
            </button>
            <span role="status" className="small muted">
              {saved && !dirty ? 'Saved.' : ''}
            </span>
          </div>
        </div>
      </form>

      <section className="section" aria-labelledby="keys-title">
        <header>
          <h2 id="keys-title">Keys</h2>
          <p>
            The write key is public: it goes in your pages and can only send events. The secret key
            signs identities on your server; never put it in a page.
          </p>
        </header>
        <div className="stack">
          <div className="field">
            <span className="field-label" id="write-key-label">
              Write key
            </span>
            <div className="key-row">
              <code className="key-value" aria-labelledby="write-key-label" data-testid="write-key">
                {workspace.writeKey}
              </code>
              <CopyButton text={workspace.writeKey} label="Copy write key" />
              <button type="button" className="btn btn-sm" onClick={() => setRotating('write')}>
                Rotate…
              </button>
            </div>
          </div>
          <div className="field">
            <span className="field-label" id="secret-key-label">
              Secret key
            </span>
            <div className="key-row">
              <code className="key-value" aria-labelledby="secret-key-label">
                {showSecret ? workspace.secretKey : '•'.repeat(32)}
              </code>
              <button
                type="button"
                className="btn btn-sm"
                aria-pressed={showSecret}
                onClick={() => setShowSecret((s) => !s)}
              >
                {showSecret ? 'Hide' : 'Show'}
              </button>
              <CopyButton text={workspace.secretKey} label="Copy secret key" />
              <button type="button" className="btn btn-sm" onClick={() => setRotating('secret')}>
                Rotate…
              </button>
            </div>
          </div>
        </div>
      </section>

      <section className="section" aria-labelledby="snippet-title">
        <header>
          <h2 id="snippet-title">Install the snippet</h2>
          <p>
            Paste this into every page, just before the closing &lt;/head&gt; tag. It loads Herald
            from this server and records each page view.
          </p>
        </header>
        <div className="snippet stack">
          <pre tabIndex={0} aria-label="Snippet" data-testid="snippet">
            <code>{snippet}</code>
          </pre>
          <div>
            <CopyButton text={snippet} label="Copy snippet" />
          </div>
        </div>
      </section>

      <ConfirmDialog
        open={rotating !== undefined}
        title={`Rotate the ${rotating ?? ''} key?`}
        confirmLabel="Rotate key"
        danger
        onConfirm={() => rotate(rotating!)}
        onClose={() => setRotating(undefined)}
      >
        <p>
          {rotating === 'write'
            ? 'The current write key stops working within seconds. Pages still using it stop sending events and showing messages until you paste the new snippet.'
            : 'The current secret key stops working at once. Your servers must sign identities with the new key.'}
        </p>
      </ConfirmDialog>
    </>
  );
}

function Switch(props: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className="switch-row">
      <div>
        <label htmlFor={props.id} className="field-label">
          {props.label}
        </label>
        <p className="small muted" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </div>
      <input
        id={props.id}
        type="checkbox"
        role="switch"
        checked={props.checked}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange(e.target.checked)}
      />
    </div>
  );
}
