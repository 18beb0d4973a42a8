import { get, seg } from '../api/client.js';
import type { ConditionGroup, Segment } from '../api/types.js';
import { ErrorAlert, formatDateTime, formatNumber, Loading, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
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

/** Every segment of the workspace with its member count. */
export function SegmentListPage({ ws }: { ws: string }) {
  useTitle('Segments');
  const segments = useAsync(
    () => get<{ data: Segment[] }>(`/workspaces/${seg(ws)}/segments`),
    [ws],
  );
  const list = segments.data?.data ?? [];
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
      {segments.loading && !segments.data ? <Loading /> : null}
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
                    {formatNumber(s.members)}
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
