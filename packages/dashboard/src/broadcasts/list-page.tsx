import { get, seg } from '../api/client.js';
import type { Broadcast } from '../api/types.js';
import { FigureCells, FigureHeads, SendStatusBadge } from '../components/figures.js';
import { ErrorAlert, formatDateTime, Loading, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, useTitle } from '../router.js';
import { loadSendables } from './sendable.js';

/** Every broadcast of the workspace, newest first, with its status and figures. */
export function BroadcastListPage({ ws }: { ws: string }) {
  useTitle('Broadcasts');
  const loaded = useAsync(
    () =>
      Promise.all([
        get<{ data: Broadcast[] }>(`/workspaces/${seg(ws)}/broadcasts`),
        loadSendables(ws),
      ]),
    [ws],
  );
  const [broadcasts, names] = loaded.data ?? [];
  const list = broadcasts?.data ?? [];
  const messageName = (id: string) => names?.messages.find((m) => m.id === id)?.name ?? id;
  const segmentName = (id: string) =>
    names?.segments.find((s) => s.id === id)?.name ?? 'a deleted segment';

  return (
    <>
      <PageHeader
        title="Broadcasts"
        subtitle="One message to everyone in a segment, now or at a set time."
        actions={
          <Link className="btn btn-primary" href={`/w/${ws}/broadcasts/new`}>
            New broadcast
          </Link>
        }
      />
      {loaded.error ? <ErrorAlert error={loaded.error} title="Could not load broadcasts" /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && list.length === 0 ? (
        <div className="card empty">
          <h2>No broadcasts yet</h2>
          <p>
            A broadcast queues a message for each person in a segment; they see it at their next
            page that matches its page rules. It needs a segment and a message whose audience is
            Identified people.
          </p>
          <Link
            className="btn btn-primary"
            href={names?.segments.length ? `/w/${ws}/broadcasts/new` : `/w/${ws}/segments/new`}
          >
            {names?.segments.length ? 'Create a broadcast' : 'Create a segment first'}
          </Link>
        </div>
      ) : null}
      {list.length > 0 && (
        <div className="card table-wrap">
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">Broadcast</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <FigureHeads />
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link className="cell-title" href={`/w/${ws}/broadcasts/${seg(b.id)}`}>
                      {b.name}
                    </Link>
                    <div className="cell-sub">
                      {messageName(b.messageId)} → {segmentName(b.segmentId)}
                    </div>
                  </td>
                  <td data-label="Status">
                    <SendStatusBadge status={b.status} />
                  </td>
                  <td data-label="When">{formatDateTime(b.sentAt ?? b.sendAt)}</td>
                  <FigureCells figures={b.figures} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
