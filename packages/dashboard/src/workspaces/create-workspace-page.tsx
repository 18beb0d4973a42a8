import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../api/client.js';
import type { Workspace } from '../api/types.js';
import { ErrorAlert, Field, PageHeader } from '../components/ui.js';
import { useTitle } from '../router.js';

/** Creates a workspace: one per website (or environment) whose visitors see messages. */
export function CreateWorkspacePage(props: { first: boolean; onCreated: (ws: Workspace) => void }) {
  useTitle('New workspace');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onCreated(await post<Workspace>('/workspaces', { name: name.trim() }));
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };
  const nameError = error instanceof ApiError && error.field === 'name' ? error.message : undefined;
  return (
    <>
      <PageHeader
        title={props.first ? 'Create your first workspace' : 'New workspace'}
        subtitle="A workspace holds one website's visitors, messages and keys. Most teams have one per site, or one per environment."
      />
      <form className="section stack" onSubmit={submit}>
        {error && !nameError ? <ErrorAlert error={error} /> : null}
        <Field
          label="Workspace name"
          path="name"
          error={nameError}
          hint="For example “Marketing site” or “App (staging)”."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={200}
              autoFocus
            />
          )}
        </Field>
        <div>
          <button className="btn btn-primary" type="submit" disabled={busy || name.trim() === ''}>
            {busy ? 'Creating…' : 'Create workspace'}
          </button>
        </div>
      </form>
    </>
  );
}
