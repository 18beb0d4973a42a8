import { useState } from 'react';
import type { MessageStatus } from '@herald/protocol';
import { get, seg } from '../api/client.js';
import type { MessageWithStats } from '../api/types.js';
import { ErrorAlert, formatNumber, Loading, PageHeader, StatusBadge } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, useTitle } from '../router.js';

const FILTERS: Array<{ value: MessageStatus | 'all'; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Drafts' },
  { value: 'paused', label: 'Paused' },
  { value: 'archived', label: 'Archived' },
];

/** Every message of the workspace, with its status and results at a glance. */
export function MessageListPage({ ws }: { ws: string }) {
  useTitle('Messages');
  const messages = useAsync(
    () => get<{ data: MessageWithStats[] }>(`/workspaces/${seg(ws)}/messages`),
    [ws],
  );
  const [filter, setFilter] = useState<MessageStatus | 'all'>('all');
  const all = messages.data?.data ?? [];
  const shown = all.filter((m) =>
    filter === 'all' ? m.status !== 'archived' : m.status === filter,
  );
  const count = (status: MessageStatus | 'all') =>
    status === 'all'
      ? all.filter((m) => m.status !== 'archived').length
      : all.filter((m) => m.status === status).length;

  return (
    <>
      <PageHeader
        title="Messages"
        subtitle="Modals, banners and tooltips shown on your site, to the people you choose."
        actions={
          <Link className="btn btn-primary" href={`/w/${ws}/messages/new`}>
            New message
          </Link>
        }
      />
      <div className="tabs" role="group" aria-label="Filter by status">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={filter === f.value}
            onClick={() => setFilter(f.value)}
          >
            {f.label} {messages.data ? <span className="faint">({count(f.value)})</span> : null}
          </button>
        ))}
      </div>
      {messages.error ? (
        <ErrorAlert error={messages.error} title="Could not load messages" />
      ) : null}
      {messages.loading && !messages.data ? <Loading /> : null}
      {messages.data && shown.length === 0 ? (
        <div className="card empty">
          <h2>{all.length === 0 ? 'No messages yet' : 'Nothing here'}</h2>
          <p>
            {all.length === 0
              ? 'Create a message, choose who sees it and where, then launch it.'
              : 'No message has this status.'}
          </p>
          {all.length === 0 && (
            <Link className="btn btn-primary" href={`/w/${ws}/messages/new`}>
              Create a message
            </Link>
          )}
        </div>
      ) : null}
      {shown.length > 0 && (
        <div className="card table-wrap">
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Status</th>
                <th scope="col">Audience</th>
                <th scope="col" className="num">
                  Priority
                </th>
                <th scope="col" className="num">
                  Views
                </th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Conversions
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link className="cell-title" href={`/w/${ws}/messages/${seg(m.id)}`}>
                      {m.name}
                    </Link>
                    <div className="cell-sub">
                      {m.display.type} · {m.steps.length} step{m.steps.length === 1 ? '' : 's'}
                      {m.status !== 'draft' && (
                        <>
                          {' · '}
                          <Link href={`/w/${ws}/messages/${seg(m.id)}/metrics`}>Metrics</Link>
                        </>
                      )}
                    </div>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={m.status} />
                  </td>
                  <td data-label="Audience">
                    {m.audience.type === 'anonymous' ? 'Anonymous visitors' : 'Identified people'}
                  </td>
                  <td data-label="Priority" className="num">
                    {m.priority}
                  </td>
                  <td data-label="Views" className="num">
                    {formatNumber(m.stats?.views)}
                  </td>
                  <td data-label="Clicks" className="num">
                    {formatNumber(m.stats?.clicks)}
                  </td>
                  <td data-label="Conversions" className="num">
                    {formatNumber(m.stats?.conversions)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
