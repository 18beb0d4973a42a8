import { useState } from 'react';
import type { Message } from '@herald/protocol';
import { del, post, seg } from '../api/client.js';
import { ConfirmDialog, Field } from '../components/ui.js';
import { Link, navigate } from '../router.js';

type Action = 'launch' | 'pause' | 'archive' | 'delete' | 'test';

/** Launch, pause, archive, delete (each confirmed) and send a test, for a saved message. */
export function MessageActions(props: {
  ws: string;
  message: Message;
  /** Unsaved edits: launching would launch the saved version, so it waits for a save. */
  dirty: boolean;
  onChange: (message: Message) => void;
}) {
  const { ws, message } = props;
  const [open, setOpen] = useState<Action>();
  const [recipient, setRecipient] = useState('');
  const [sent, setSent] = useState<string>();
  const base = `/workspaces/${seg(ws)}/messages/${seg(message.id)}`;
  const transition = async (action: 'launch' | 'pause' | 'archive') => {
    props.onChange(await post<Message>(`${base}/${action}`));
  };
  const canLaunch = message.status === 'draft' || message.status === 'paused';
  const to = recipient.trim();
  const sendTest = async () => {
    await post(`${base}/test`, to.includes('@') ? { email: to } : { userId: to });
    setSent(to);
  };

  return (
    <>
      {message.status !== 'draft' && (
        <Link className="btn" href={`/w/${ws}/messages/${seg(message.id)}/metrics`}>
          Metrics
        </Link>
      )}
      <button
        type="button"
        className="btn"
        onClick={() => {
          setSent(undefined);
          setOpen('test');
        }}
      >
        Send test…
      </button>
      {canLaunch && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={props.dirty}
          title={props.dirty ? 'Save your changes first' : undefined}
          onClick={() => setOpen('launch')}
        >
          {message.status === 'paused' ? 'Resume…' : 'Launch…'}
        </button>
      )}
      {message.status === 'active' && (
        <button type="button" className="btn" onClick={() => setOpen('pause')}>
          Pause…
        </button>
      )}
      {message.status !== 'archived' && (
        <button type="button" className="btn" onClick={() => setOpen('archive')}>
          Archive…
        </button>
      )}
      {(message.status === 'draft' || message.status === 'archived') && (
        <button type="button" className="btn btn-ghost" onClick={() => setOpen('delete')}>
          Delete…
        </button>
      )}

      <ConfirmDialog
        open={open === 'launch'}
        title={message.status === 'paused' ? 'Resume this message?' : 'Launch this message?'}
        confirmLabel={message.status === 'paused' ? 'Resume' : 'Launch'}
        onConfirm={() => transition('launch')}
        onClose={() => setOpen(undefined)}
      >
        <p>
          “{message.name}” starts showing to{' '}
          {message.audience.type === 'anonymous' ? 'anonymous visitors' : 'identified people'} on
          matching pages{message.schedule.startAt ? ' from its scheduled start' : ' right away'}.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'pause'}
        title="Pause this message?"
        confirmLabel="Pause"
        onConfirm={() => transition('pause')}
        onClose={() => setOpen(undefined)}
      >
        <p>Nobody sees it until you resume it. Its results so far are kept.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'archive'}
        title="Archive this message?"
        confirmLabel="Archive"
        danger
        onConfirm={() => transition('archive')}
        onClose={() => setOpen(undefined)}
      >
        <p>It stops showing for good and moves to the archive. Its metrics stay available.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'delete'}
        title="Delete this message?"
        confirmLabel="Delete"
        danger
        onConfirm={async () => {
          await del(base);
          navigate(`/w/${ws}/messages`);
        }}
        onClose={() => setOpen(undefined)}
      >
        <p>“{message.name}” and its history are deleted. This cannot be undone.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'test'}
        title="Send a test"
        confirmLabel={sent ? 'Send again' : 'Send test'}
        confirmDisabled={to === ''}
        stayOpen
        onConfirm={sendTest}
        onClose={() => setOpen(undefined)}
      >
        <p className="small muted">
          The person sees this message once, on their next page, whatever its audience and rules
          say.
        </p>
        <Field label="userId or email" path="test.recipient">
          {(control) => (
            <input
              {...control}
              type="text"
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        {sent && (
          <div className="alert alert-success" role="status">
            Sent to {sent}.
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
