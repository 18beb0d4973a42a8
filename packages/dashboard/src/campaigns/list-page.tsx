import { get, seg } from '../api/client.js';
import type { Campaign } from '../api/types.js';
import { loadSendables } from '../broadcasts/sendable.js';
import { EmptyState } from '../components/empty-state.js';
import { FigureCells, FigureHeads, SendStatusBadge } from '../components/figures.js';
import { ListPage } from '../components/list-page.js';
import { TitleCell } from '../components/list-table.js';
import { useAsync } from '../components/use-async.js';
import { useTitle } from '../router.js';
import { describeDelay, describeTrigger } from './draft.js';

/** Every campaign of the workspace, newest first, with what triggers it and its figures. */
export function CampaignListPage({ ws }: { ws: string }) {
  useTitle('Campaigns');
  const loaded = useAsync(
    () =>
      Promise.all([
        get<{ data: Campaign[] }>(`/workspaces/${seg(ws)}/campaigns`),
        loadSendables(ws),
      ]),
    [ws],
  );
  const [campaigns, names] = loaded.data ?? [];
  const segmentName = (c: Campaign) => {
    const trigger = c.trigger;
    return trigger.type === 'segment_entered'
      ? names?.segments.find((s) => s.id === trigger.segmentId)?.name
      : undefined;
  };

  return (
    <ListPage
      title="Campaigns"
      subtitle="A message for each person who performs an event or enters a segment, at once or after a delay."
      create={{ href: `/w/${ws}/campaigns/new`, label: 'New campaign' }}
      error={loaded.error}
      errorTitle="Could not load campaigns"
      loading={loaded.loading && !loaded.data}
      items={campaigns?.data}
      empty={
        <EmptyState
          title="No campaigns yet"
          action={{ href: `/w/${ws}/campaigns/new`, label: 'Create a campaign' }}
        >
          Thank people for a big order, or welcome them to a plan: a campaign queues a message whose
          audience is Identified people for each person who triggers it.
        </EmptyState>
      }
      heads={
        <>
          <th scope="col">Campaign</th>
          <th scope="col">Status</th>
          <th scope="col">Message</th>
          <FigureHeads />
        </>
      }
      row={(c) => (
        <tr key={c.id}>
          <TitleCell
            href={`/w/${ws}/campaigns/${seg(c.id)}`}
            title={c.name}
            sub={
              <>
                {describeTrigger(c.trigger, segmentName(c))}, {describeDelay(c.delaySeconds)}
              </>
            }
          />
          <td data-label="Status">
            <SendStatusBadge status={c.status} />
          </td>
          <td data-label="Message">
            {names?.messages.find((m) => m.id === c.messageId)?.name ?? c.messageId}
          </td>
          <FigureCells figures={c.figures} />
        </tr>
      )}
    />
  );
}
