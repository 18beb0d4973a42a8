import { useState } from 'react';
import { get, post, seg } from '../api/client.js';
import type { Broadcast } from '../api/types.js';
import { FigureStats, SendStatusBadge } from '../components/figures.js';
import {
  ConfirmDialog,
  ErrorAlert,
  formatDateTime,
  Loading,
  PageHeader,
} from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { Link, useTitle } from '../router.js';
import { loadSendables } from './sendable.js';

/** One broadcast: its status and figures (polled while the page is visible); stop. */
export function BroadcastPage({ ws, id }: { ws: string; id: string }) {
  const base = `/workspaces/${seg(ws)}/broadcasts/${seg(id)}`;
  const [stopping, setStopping] = useState(false);
  const live = usePolling(() => get<Broadcast>(base), LIVE_POLL_MS, [base], stopping);
  const names = useAsync(() => loadSendables(ws), [ws]);
  const b = live.data;
  useTitle(b?.name ?? 'Broadcast');

  if (!b && live.error)
    return <ErrorAlert error={live.error} title="Could not load the broadcast" />;
  if (!b) return <Loading />;
  const message = names.data?.messages.find((m) => m.id === b.messageId);
  const segment = names.data?.segments.find((s) => s.id === b.segmentId);
  const unopened = b.figures.sent - b.figures.opened - b.figures.withdrawn;

  return (
    <>
      <PageHeader
        crumb={<Link href={`/w/${ws}/broadcasts`}>← Broadcasts</Link>}
        title={
          <span className="row" style={{ alignItems: 'center', gap: 10 }}>
            {b.name} <SendStatusBadge status={b.status} />
          </span>
        }
        subtitle={`“${message?.name ?? b.messageId}” to ${segment ? `the segment ${segment.name}` : 'a deleted segment'}`}
        actions={
          b.status !== 'stopped' && (
            <button type="button" className="btn" onClick={() => setStopping(true)}>
              Stop…
            </button>
          )
        }
      />
      {live.error ? <ErrorAlert error={live.error} title="Could not refresh" /> : null}
      {message?.status === 'paused' && b.status !== 'stopped' && (
        <div className="alert alert-warning" style={{ marginBottom: 16 }}>
          The message is paused: nobody sees it until it is resumed.
        </div>
      )}
      <FigureStats figures={b.figures} />
      <p className="small muted" style={{ margin: '8px 0 16px' }}>
        <span className="live-dot" aria-hidden="true" /> Live: updates every few seconds. Converted:
        people who reached the message’s goal after opening it.
      </p>
      <section className="section" aria-labelledby="details-title">
        <header>
          <h2 id="details-title">Details</h2>
        </header>
        <dl className="kv kv-text">
          <dt>Message</dt>
          <dd>
            {message ? (
              <Link href={`/w/${ws}/messages/${seg(message.id)}`}>{message.name}</Link>
            ) : (
              b.messageId
            )}
          </dd>
          <dt>Segment</dt>
          <dd>
            {segment ? (
              <Link href={`/w/${ws}/segments/${seg(segment.id)}`}>{segment.name}</Link>
            ) : (
              'Deleted'
            )}
          </dd>
          <dt>{b.status === 'scheduled' ? 'Sends' : 'Send time'}</dt>
          <dd>{formatDateTime(b.sendAt)}</dd>
          <dt>Sent</dt>
          <dd>{b.sentAt ? formatDateTime(b.sentAt) : 'Not yet'}</dd>
          <dt>Expires</dt>
          <dd>
            {b.expiresDays} day{b.expiresDays === 1 ? '' : 's'} after it is queued
          </dd>
          {b.stoppedAt && (
            <>
              <dt>Stopped</dt>
              <dd>{formatDateTime(b.stoppedAt)}</dd>
            </>
          )}
          <dt>Created</dt>
          <dd>{formatDateTime(b.createdAt)}</dd>
        </dl>
      </section>
      <ConfirmDialog
        open={stopping}
        title="Stop this broadcast?"
        confirmLabel="Stop broadcast"
        danger
        onConfirm={async () => {
          await post<Broadcast>(`${base}/stop`);
        }}
        onClose={() => setStopping(false)}
      >
        <p>
          {b.status === 'scheduled'
            ? 'It will not be sent.'
            : `It sends nothing more, and is withdrawn from ${unopened === 1 ? 'the 1 person who has' : `the ${unopened} people who have`} not opened it yet.`}{' '}
          Those who opened it keep it, following the message’s frequency. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
