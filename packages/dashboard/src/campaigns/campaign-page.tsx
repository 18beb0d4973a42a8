import { useState } from 'react';
import { get, post, seg } from '../api/client.js';
import type { Campaign } from '../api/types.js';
import { loadSendables } from '../broadcasts/sendable.js';
import { expiresAfter, MessageLink, SendPage } from '../components/send-page.js';
import { ConfirmDialog, ErrorAlert, formatDateTime, Loading } from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { LIVE_POLL_MS, usePolling } from '../components/use-polling.js';
import { Link, useTitle } from '../router.js';
import { describeDelay, describeTrigger } from './draft.js';

/** One campaign: what triggers it, its figures (polled while visible); edit, stop and start. */
export function CampaignPage({ ws, id }: { ws: string; id: string }) {
  const base = `/workspaces/${seg(ws)}/campaigns/${seg(id)}`;
  const [confirm, setConfirm] = useState<'stop' | 'start'>();
  const live = usePolling(() => get<Campaign>(base), LIVE_POLL_MS, [base], Boolean(confirm));
  const names = useAsync(() => loadSendables(ws), [ws]);
  const c = live.data;
  useTitle(c?.name ?? 'Campaign');

  if (!c && live.error)
    return <ErrorAlert error={live.error} title="Could not load the campaign" />;
  if (!c) return <Loading />;
  const message = names.data?.messages.find((m) => m.id === c.messageId);
  const trigger = c.trigger;
  const segment =
    trigger.type === 'segment_entered'
      ? names.data?.segments.find((s) => s.id === trigger.segmentId)
      : undefined;
  const active = c.status === 'active';

  return (
    <SendPage
      back={{ href: `/w/${ws}/campaigns`, label: 'Campaigns' }}
      name={c.name}
      status={c.status}
      subtitle={`${describeTrigger(c.trigger, segment?.name)}: ${message?.name ?? c.messageId}, ${describeDelay(c.delaySeconds)}`}
      actions={
        <>
          <Link className="btn" href={`/w/${ws}/campaigns/${seg(c.id)}/edit`}>
            Edit
          </Link>
          <button
            type="button"
            className={active ? 'btn' : 'btn btn-primary'}
            onClick={() => setConfirm(active ? 'stop' : 'start')}
          >
            {active ? 'Stop…' : 'Start…'}
          </button>
        </>
      }
      refreshError={live.error}
      warning={
        active &&
        message?.status === 'paused' &&
        'The message is paused: what the campaign queues waits until it is resumed.'
      }
      figures={c.figures}
      details={
        <>
          <dt>Trigger</dt>
          <dd>{describeTrigger(c.trigger, segment?.name)}</dd>
          <dt>Message</dt>
          <dd>
            <MessageLink ws={ws} message={message} id={c.messageId} />
          </dd>
          <dt>Queued</dt>
          <dd>{describeDelay(c.delaySeconds)}</dd>
          <dt>Expires</dt>
          <dd>{expiresAfter(c.expiresDays)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(c.createdAt)}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(c.updatedAt)}</dd>
        </>
      }
    >
      <ConfirmDialog
        open={confirm === 'stop'}
        title="Stop this campaign?"
        confirmLabel="Stop campaign"
        danger
        onConfirm={async () => {
          await post<Campaign>(`${base}/stop`);
        }}
        onClose={() => setConfirm(undefined)}
      >
        <p>
          Nothing more is queued; pending delayed sends are dropped, and what nobody opened yet is
          withdrawn. You can start it again later.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'start'}
        title="Start this campaign again?"
        confirmLabel="Start campaign"
        onConfirm={async () => {
          await post<Campaign>(`${base}/start`);
        }}
        onClose={() => setConfirm(undefined)}
      >
        <p>It reacts to triggers from now on; what happened while it was stopped does not count.</p>
      </ConfirmDialog>
    </SendPage>
  );
}
