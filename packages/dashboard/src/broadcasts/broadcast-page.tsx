import { useState } from 'react';
import { get, post, seg } from '../api/client.js';
import type { Broadcast } from '../api/types.js';
import { expiresAfter, MessageLink, SendPage } from '../components/send-page.js';
import { ConfirmDialog, ErrorAlert, formatDateTime, Loading } from '../components/ui.js';
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
    <SendPage
      back={{ href: `/w/${ws}/broadcasts`, label: 'Broadcasts' }}
      name={b.name}
      status={b.status}
      subtitle={`“${message?.name ?? b.messageId}” to ${segment ? `the segment ${segment.name}` : 'a deleted segment'}`}
      actions={
        b.status !== 'stopped' && (
          <button type="button" className="btn" onClick={() => setStopping(true)}>
            Stop…
          </button>
        )
      }
      refreshError={live.error}
      warning={
        message?.status === 'paused' &&
        b.status !== 'stopped' &&
        'The message is paused: nobody sees it until it is resumed.'
      }
      figures={b.figures}
      liveNote="Converted: people who reached the message’s goal after opening it."
      details={
        <>
          <dt>Message</dt>
          <dd>
            <MessageLink ws={ws} message={message} id={b.messageId} />
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
          <dd>{expiresAfter(b.expiresDays)}</dd>
          {b.stoppedAt && (
            <>
              <dt>Stopped</dt>
              <dd>{formatDateTime(b.stoppedAt)}</dd>
            </>
          )}
          <dt>Created</dt>
          <dd>{formatDateTime(b.createdAt)}</dd>
        </>
      }
    >
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
    </SendPage>
  );
}
