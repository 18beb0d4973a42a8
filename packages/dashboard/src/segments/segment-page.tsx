import { useState } from 'react';
import { del, get, seg } from '../api/client.js';
import type { Segment, SegmentMember } from '../api/types.js';
import {
  ConfirmDialog,
  ErrorAlert,
  formatDateTime,
  formatNumber,
  Loading,
  PageHeader,
} from '../components/ui.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { Link, navigate, useTitle } from '../router.js';
import { ConditionsSummary } from './conditions-summary.js';

const SHOWN = 100;

/**
 * One segment: its member count, live (polled while the page is visible), its conditions in
 * words, its most recent members linking to their profiles; edit and delete.
 */
export function SegmentPage({ ws, id }: { ws: string; id: string }) {
  const base = `/workspaces/${seg(ws)}/segments/${seg(id)}`;
  const [deleting, setDeleting] = useState(false);
  const live = usePolling(
    () =>
      Promise.all([
        get<Segment>(base),
        get<{ data: SegmentMember[] }>(`${base}/members?limit=${SHOWN}`),
      ]),
    LIVE_POLL_MS,
    [base],
    deleting,
  );
  const [segment, members] = live.data ?? [];
  useTitle(segment?.name ?? 'Segment');

  if (!live.data && live.error)
    return <ErrorAlert error={live.error} title="Could not load the segment" />;
  if (!segment || !members) return <Loading />;
  const people = members.data;

  return (
    <>
      <PageHeader
        crumb={<Link href={`/w/${ws}/segments`}>← Segments</Link>}
        title={segment.name}
        subtitle={`Updated ${formatDateTime(segment.updatedAt)}`}
        actions={
          <>
            <Link className="btn" href={`/w/${ws}/broadcasts/new?segment=${seg(segment.id)}`}>
              Send a broadcast
            </Link>
            <Link className="btn" href={`/w/${ws}/segments/${seg(segment.id)}/edit`}>
              Edit
            </Link>
            <button type="button" className="btn btn-ghost" onClick={() => setDeleting(true)}>
              Delete…
            </button>
          </>
        }
      />
      {live.error ? <ErrorAlert error={live.error} title="Could not refresh" /> : null}
      <div className="grid-2">
        <dl className="stats" aria-label="Membership">
          <div className="stat">
            <dt>Members</dt>
            <dd className="stat-value" data-testid="member-count" aria-live="polite">
              {formatNumber(segment.members)}
            </dd>
            <dd className="stat-note">
              <span className="live-dot" aria-hidden="true" /> Live: updates every few seconds
            </dd>
          </div>
        </dl>
        <section className="section" aria-labelledby="conditions-title">
          <header>
            <h2 id="conditions-title">Conditions</h2>
          </header>
          <ConditionsSummary group={segment.conditions} />
        </section>
      </div>
      <section className="section" aria-labelledby="members-title" style={{ marginTop: 16 }}>
        <header>
          <h2 id="members-title">Members</h2>
          <p>
            {segment.members > people.length
              ? `The ${people.length} who joined most recently.`
              : 'Newest first.'}
          </p>
        </header>
        {people.length === 0 ? (
          <p className="muted">
            Nobody matches yet. People join as your site sends identify and track calls; a new or
            changed segment takes a moment to build.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Email</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.userId}>
                    <td>
                      <Link className="cell-title" href={`/w/${ws}/people/${seg(p.userId)}`}>
                        {p.userId}
                      </Link>
                    </td>
                    <td data-label="Email">{p.email ?? <span className="faint">–</span>}</td>
                    <td data-label="Joined">{formatDateTime(p.enteredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={deleting}
        title={`Delete ${segment.name}?`}
        confirmLabel="Delete segment"
        danger
        onConfirm={async () => {
          await del(base);
          navigate(`/w/${ws}/segments`);
        }}
        onClose={() => setDeleting(false)}
      >
        <p>
          Messages whose audience is this segment, and campaigns started by entering it, will reach
          nobody. Broadcasts already sent keep their figures. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
