import { useState } from 'react';
import { del, get, seg } from '../api/client.js';
import type { Page, Segment, SegmentMember } from '../api/types.js';
import {
  ConfirmDialog,
  ErrorAlert,
  formatDateTime,
  formatNumber,
  Loading,
  PageHeader,
} from '../components/ui.js';
import { PeopleTable } from '../components/people-table.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { Link, navigate, useTitle } from '../router.js';
import { ConditionsSummary } from './conditions-summary.js';

const PAGE = 100;

/**
 * One segment: its member count, live (polled while the page is visible), whether it is still
 * counting past events, its conditions in words, its members newest first (the first page live,
 * older ones a page at a time) linking to their profiles; edit and delete.
 */
export function SegmentPage({ ws, id }: { ws: string; id: string }) {
  const base = `/workspaces/${seg(ws)}/segments/${seg(id)}`;
  const [deleting, setDeleting] = useState(false);
  // The members shown once older ones are loaded: the list then holds still, the count stays live.
  const [more, setMore] = useState<Page<SegmentMember>>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const live = usePolling(
    () =>
      Promise.all([get<Segment>(base), get<Page<SegmentMember>>(`${base}/members?limit=${PAGE}`)]),
    LIVE_POLL_MS,
    [base],
    deleting,
  );
  const [segment, newest] = live.data ?? [];
  useTitle(segment?.name ?? 'Segment');

  if (!live.data && live.error)
    return <ErrorAlert error={live.error} title="Could not load the segment" />;
  if (!segment || !newest) return <Loading />;
  const members = more ?? newest;
  const people = members.data;

  const loadMore = async (next: string) => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const query = new URLSearchParams({ limit: String(PAGE), before: next });
      const page = await get<Page<SegmentMember>>(`${base}/members?${query}`);
      setMore({ data: [...people, ...page.data], next: page.next });
    } catch (reason) {
      setMoreError(reason);
    } finally {
      setLoadingMore(false);
    }
  };

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
            <dd className="stat-note" role="status">
              {segment.building ? (
                <span className="badge badge-building" data-testid="segment-building">
                  Counting past events…
                </span>
              ) : null}
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
            {more
              ? 'Newest first, as they were when you loaded more.'
              : segment.members > people.length
                ? `The ${people.length} who joined most recently.`
                : 'Newest first.'}
          </p>
        </header>
        {people.length === 0 ? (
          <p className="muted">
            {segment.building
              ? 'Nobody matches yet: past events are still being counted, and people join as they are.'
              : 'Nobody matches yet. People join as your site sends identify and track calls; a new or changed segment takes a moment to build.'}
          </p>
        ) : (
          <PeopleTable
            ws={ws}
            people={people}
            time={{ label: 'Joined', of: (p) => p.enteredAt }}
            card={false}
          />
        )}
        <ErrorAlert error={moreError} title="Could not load more members" />
        {(members.next || more) && (
          <div className="row" style={{ marginTop: 12 }}>
            {members.next && (
              <button
                type="button"
                className="btn btn-sm"
                disabled={loadingMore}
                onClick={() => void loadMore(members.next!)}
              >
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
            {more && (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => {
                  setMore(undefined);
                  setMoreError(undefined);
                }}
              >
                Back to the newest
              </button>
            )}
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
