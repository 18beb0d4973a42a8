import { get, seg } from '../api/client.js';
import type { Campaign } from '../api/types.js';
import { loadSendables } from '../broadcasts/sendable.js';
import { FigureCells, FigureHeads, SendStatusBadge } from '../components/figures.js';
import { ErrorAlert, Loading, PageHeader } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, useTitle } from '../router.js';
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
  const list = campaigns?.data ?? [];
  const segmentName = (c: Campaign) => {
    const trigger = c.trigger;
    return trigger.type === 'segment_entered'
      ? names?.segments.find((s) => s.id === trigger.segmentId)?.name
      : undefined;
  };

  return (
    <>
      <PageHeader
        title="Campaigns"
        subtitle="A message for each person who performs an event or enters a segment, at once or after a delay."
        actions={
          <Link className="btn btn-primary" href={`/w/${ws}/campaigns/new`}>
            New campaign
          </Link>
        }
      />
      {loaded.error ? <ErrorAlert error={loaded.error} title="Could not load campaigns" /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && list.length === 0 ? (
        <div className="card empty">
          <h2>No campaigns yet</h2>
          <p>
            Thank people for a big order, or welcome them to a plan: a campaign queues a message
            whose audience is Identified people for each person who triggers it.
          </p>
          <Link className="btn btn-primary" href={`/w/${ws}/campaigns/new`}>
            Create a campaign
          </Link>
        </div>
      ) : null}
      {list.length > 0 && (
        <div className="card table-wrap">
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Status</th>
                <th scope="col">Message</th>
                <FigureHeads />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link className="cell-title" href={`/w/${ws}/campaigns/${seg(c.id)}`}>
                      {c.name}
                    </Link>
                    <div className="cell-sub">
                      {describeTrigger(c.trigger, segmentName(c))}, {describeDelay(c.delaySeconds)}
                    </div>
                  </td>
                  <td data-label="Status">
                    <SendStatusBadge status={c.status} />
                  </td>
                  <td data-label="Message">
                    {names?.messages.find((m) => m.id === c.messageId)?.name ?? c.messageId}
                  </td>
                  <FigureCells figures={c.figures} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
