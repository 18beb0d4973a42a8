import { get, seg } from '../api/client.js';
import type { Broadcast } from '../api/types.js';
import { EmptyState } from '../components/empty-state.js';
import { FigureCells, FigureHeads, SendStatusBadge } from '../components/figures.js';
import { ListPage } from '../components/list-page.js';
import { TitleCell } from '../components/list-table.js';
import { formatDateTime } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { useTitle } from '../router.js';
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
  const messageName = (id: string) => names?.messages.find((m) => m.id === id)?.name ?? id;
  const segmentName = (id: string) =>
    names?.segments.find((s) => s.id === id)?.name ?? 'a deleted segment';

  return (
    <ListPage
      title="Broadcasts"
      subtitle="One message to everyone in a segment, now or at a set time."
      create={{ href: `/w/${ws}/broadcasts/new`, label: 'New broadcast' }}
      error={loaded.error}
      errorTitle="Could not load broadcasts"
      loading={loaded.loading && !loaded.data}
      items={broadcasts?.data}
      empty={
        <EmptyState
          title="No broadcasts yet"
          action={
            names?.segments.length
              ? { href: `/w/${ws}/broadcasts/new`, label: 'Create a broadcast' }
              : { href: `/w/${ws}/segments/new`, label: 'Create a segment first' }
          }
        >
          A broadcast queues a message for each person in a segment; they see it at their next page
          that matches its page rules. It needs a segment and a message whose audience is Identified
          people.
        </EmptyState>
      }
      heads={
        <>
          <th scope="col">Broadcast</th>
          <th scope="col">Status</th>
          <th scope="col">When</th>
          <FigureHeads />
        </>
      }
      row={(b) => (
        <tr key={b.id}>
          <TitleCell
            href={`/w/${ws}/broadcasts/${seg(b.id)}`}
            title={b.name}
            sub={
              <>
                {messageName(b.messageId)} → {segmentName(b.segmentId)}
              </>
            }
          />
          <td data-label="Status">
            <SendStatusBadge status={b.status} />
          </td>
          <td data-label="When">{formatDateTime(b.sentAt ?? b.sendAt)}</td>
          <FigureCells figures={b.figures} />
        </tr>
      )}
    />
  );
}
