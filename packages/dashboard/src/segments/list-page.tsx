import { useEffect, useState } from 'react';
import { get, seg } from '../api/client.js';
import type { ConditionGroup, Segment } from '../api/types.js';
import { EmptyState } from '../components/empty-state.js';
import { ListPage } from '../components/list-page.js';
import { TitleCell } from '../components/list-table.js';
import { formatDateTime, formatNumber } from '../components/ui.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { useTitle } from '../router.js';
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
  useEffect(() => {
    if (segments.data && !segments.data.data.some((s) => s.building)) setBuilt(ws);
    // Only a new answer tells; it is for the current workspace (usePolling drops the others).
  }, [segments.data]);
  return (
    <ListPage
      title="Segments"
      subtitle="Groups of identified people, by their traits and what they did: the audience of broadcasts, campaigns and messages."
      create={{ href: `/w/${ws}/segments/new`, label: 'New segment' }}
      error={segments.error}
      errorTitle="Could not load segments"
      loading={!segments.data && !segments.error}
      items={segments.data?.data}
      empty={
        <EmptyState
          title="No segments yet"
          action={{ href: `/w/${ws}/segments/new`, label: 'Create a segment' }}
        >
          Create a segment, such as “plan equals pro” or “ordered 3 times this month”, then send it
          a broadcast or start a campaign when people enter it.
        </EmptyState>
      }
      heads={
        <>
          <th scope="col">Segment</th>
          <th scope="col" className="num">
            Members
          </th>
          <th scope="col">Updated</th>
        </>
      }
      row={(s) => (
        <tr key={s.id}>
          <TitleCell
            href={`/w/${ws}/segments/${seg(s.id)}`}
            title={s.name}
            sub={gist(s.conditions)}
          />
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
      )}
    />
  );
}
