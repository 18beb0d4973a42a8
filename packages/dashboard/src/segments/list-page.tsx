import { useEffect, useState } from 'react';
import { get, seg } from '../api/client.js';
import type { ConditionGroup, Segment } from '../api/types.js';
import { ErrorAlert, formatDateTime, formatNumber, Loading, PageHeader } from '../components/ui.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { Link, useTitle } from '../router.js';
import { describeCondition } from './conditions.js';

/** The first condition in words, and how many more: enough to tell segments apart. */
function gist(group: ConditionGroup): string {
  const first = group.conditions[0];
  if (!first) return 'No conditions';
  const text =
    'match' in first ? `a group of ${first.conditions.length}` : describeCondition(first);
  const more = group.conditions.length - 1;
  return more > 0 ? `${text} ${group.match === 'all' ? 'and' : 'or'} ${more} more` : text;
}

/**
 * Every segment of the workspace with its member count. While one is being built from past
 * events, the list is polled until every build is done.
 */
export function SegmentListPage({ ws }: { ws: string }) {
  useTitle('Segments');
  // The workspace whose segments were all built at the last answer: no need to ask again.
  const [built, setBuilt] = useState<string>();
  const segments = usePolling(
    () => get<{ data: Segment[] }>(`/workspaces/${seg(ws)}/segments`),
    LIVE_POLL_MS,
    [ws],
    built === ws,
  );
  const list = segments.data?.data ?? [];
  useEffect(() => {
    if (segments.data && !segments.data.data.some((s) => s.building)) setBuilt(ws);
    // Only a new answer tells; it is for the current workspace (usePolling drops the others).
  }, [segments.data]);
  return (
    <>
      <PageHeader
        title="Segments"
        subtitle="Groups of identified people, by their traits and what they did: the audience of broadcasts, campaigns and messages."
        actions={
          <Link className="btn btn-primary" href={`/w/${ws}/segments/new`}>
            New segment
          </Link>
        }
      />
      {segments.error ? (
        <ErrorAlert error={segments.error} title="Could not load segments" />
      ) : null}
      {!segments.data && !segments.error ? <Loading /> : null}
      {segments.data && list.length === 0 ? (
        <div className="card empty">
          <h2>No segments yet</h2>
          <p>
            Create a segment, such as “plan equals pro” or “ordered 3 times this month”, then send
            it a broadcast or start a campaign when people enter it.
          </p>
          <Link className="btn btn-primary" href={`/w/${ws}/segments/new`}>
            Create a segment
          </Link>
        </div>
      ) : null}
      {list.length > 0 && (
        <div className="card table-wrap">
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  Members
                </th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link className="cell-title" href={`/w/${ws}/segments/${seg(s.id)}`}>
                      {s.name}
                    </Link>
                    <div className="cell-sub">{gist(s.conditions)}</div>
                  </td>
                  <td data-label="Members" className="num">
                    {s.building ? (
                      // One block: on phones the cell lays out its label and this side by side.
                      <div>
                        {formatNumber(s.members)}
                        <div>
                          <span className="badge badge-building">Counting past events…</span>
                        </div>
                      </div>
                    ) : (
                      formatNumber(s.members)
                    )}
                  </td>
                  <td data-label="Updated">{formatDateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
