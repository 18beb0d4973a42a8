import { useState } from 'react';
import { del, get, seg } from '../api/client.js';
import type { Person } from '../api/types.js';
import {
  ConfirmDialog,
  ErrorAlert,
  Field,
  formatDateTime,
  Loading,
  PageHeader,
} from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, navigate, useTitle } from '../router.js';
import { ActivityLog } from './activity.js';

/** One person: identity, traits, merged anonymous IDs, activity; and erasure. */
export function ProfilePage({ ws, userId }: { ws: string; userId: string }) {
  useTitle(userId);
  const base = `/workspaces/${seg(ws)}/people/${seg(userId)}`;
  const person = useAsync(() => get<Person>(base), [base]);
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const p = person.data;

  return (
    <>
      <PageHeader
        crumb={<Link href={`/w/${ws}/people`}>← People</Link>}
        title={userId}
        subtitle={p?.email ?? undefined}
        actions={
          p && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setTyped('');
                setDeleting(true);
              }}
            >
              Delete person…
            </button>
          )
        }
      />
      {person.error ? <ErrorAlert error={person.error} title="Could not load this person" /> : null}
      {person.loading && !p ? <Loading /> : null}
      {p && (
        <>
          <div className="grid-2">
            <section className="section" aria-labelledby="identity-title">
              <header>
                <h2 id="identity-title">Identity</h2>
              </header>
              <dl className="kv">
                <dt>userId</dt>
                <dd>{p.userId}</dd>
                {p.aliases.length > 0 && (
                  <>
                    <dt>Also known as</dt>
                    <dd>{p.aliases.join(', ')}</dd>
                  </>
                )}
                <dt>Email</dt>
                <dd>{p.email ?? '–'}</dd>
                <dt>First seen</dt>
                <dd>{formatDateTime(p.createdAt)}</dd>
                <dt>Last seen</dt>
                <dd>{formatDateTime(p.lastSeenAt)}</dd>
                <dt>Anonymous IDs</dt>
                <dd>
                  {p.anonymousIds.length === 0 ? (
                    '–'
                  ) : (
                    <span className="chips">
                      {p.anonymousIds.map((id) => (
                        <span className="chip" key={id}>
                          {id}
                        </span>
                      ))}
                    </span>
                  )}
                </dd>
              </dl>
            </section>
            <section className="section" aria-labelledby="traits-title">
              <header>
                <h2 id="traits-title">Traits</h2>
              </header>
              {Object.keys(p.traits).length === 0 ? (
                <p className="muted">No traits.</p>
              ) : (
                <dl className="kv">
                  {Object.entries(p.traits).map(([key, value]) => (
                    <div key={key} style={{ display: 'contents' }}>
                      <dt>{key}</dt>
                      <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          </div>
          <section className="section" aria-labelledby="activity-title" style={{ marginTop: 16 }}>
            <header>
              <h2 id="activity-title">Activity</h2>
              <p>Events and messages, from every device merged into this person, newest first.</p>
            </header>
            <ActivityLog path={`${base}/activity`} />
          </section>
        </>
      )}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${userId}?`}
        confirmLabel="Delete for good"
        danger
        confirmDisabled={typed !== userId}
        onConfirm={async () => {
          await del(base);
          navigate(`/w/${ws}/people`);
        }}
        onClose={() => setDeleting(false)}
      >
        <p>
          This erases the person, their traits, anonymous IDs and all their activity. It cannot be
          undone.
        </p>
        <Field label={`Type ${userId} to confirm`} path="confirm-delete">
          {(control) => (
            <input
              {...control}
              type="text"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
      </ConfirmDialog>
    </>
  );
}
