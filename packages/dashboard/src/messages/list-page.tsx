import { useState } from 'react';
import type { MessageStatus } from '@herald/protocol';
import { get, seg } from '../api/client.js';
import type { MessageWithStats } from '../api/types.js';
import { EmptyState } from '../components/empty-state.js';
import { ListPage } from '../components/list-page.js';
import { TitleCell } from '../components/list-table.js';
import { formatNumber, StatusBadge } from '../components/ui.js';
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
    <ListPage
      title="Messages"
      subtitle="Modals, banners and tooltips shown on your site, to the people you choose."
      create={{ href: `/w/${ws}/messages/new`, label: 'New message' }}
      above={
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
      }
      error={messages.error}
      errorTitle="Could not load messages"
      loading={messages.loading && !messages.data}
      items={messages.data ? shown : undefined}
      empty={
        <EmptyState
          title={all.length === 0 ? 'No messages yet' : 'Nothing here'}
          action={
            all.length === 0
              ? { href: `/w/${ws}/messages/new`, label: 'Create a message' }
              : undefined
          }
        >
          {all.length === 0
            ? 'Create a message, choose who sees it and where, then launch it.'
            : 'No message has this status.'}
        </EmptyState>
      }
      heads={
        <>
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
        </>
      }
      row={(m) => (
        <tr key={m.id}>
          <TitleCell
            href={`/w/${ws}/messages/${seg(m.id)}`}
            title={m.name}
            sub={
              <>
                {m.display.type} · {m.steps.length} step{m.steps.length === 1 ? '' : 's'}
                {m.status !== 'draft' && (
                  <>
                    {' · '}
                    <Link href={`/w/${ws}/messages/${seg(m.id)}/metrics`}>Metrics</Link>
                  </>
                )}
              </>
            }
          />
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
      )}
    />
  );
}
