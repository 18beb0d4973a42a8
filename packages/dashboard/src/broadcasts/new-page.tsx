import { useState } from 'react';
import { ApiError, post, seg } from '../api/client.js';
import type { Broadcast } from '../api/types.js';
import { Choice, Choices } from '../components/choice.js';
import { ExpiresField, SegmentOptions } from '../components/fields.js';
import { useFormError } from '../components/form-error.js';
import {
  ConfirmDialog,
  ErrorAlert,
  Field,
  formatNumber,
  Loading,
  PageHeader,
} from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { browserZone, wallToIso } from '../messages/timezones.js';
import { Link, navigate, useLocation, useTitle } from '../router.js';
import { loadSendables, MessageOptions, MissingPrerequisites } from './sendable.js';

/**
 * A new broadcast: one message for identified people, to everyone in a segment, now or at a
 * date and time (in the browser's time zone), after a confirmation that says how many people.
 */
export function NewBroadcastPage({ ws }: { ws: string }) {
  useTitle('New broadcast');
  const { search } = useLocation();
  const sendables = useAsync(() => loadSendables(ws), [ws]);
  const [messageId, setMessageId] = useState('');
  const [segmentId, setSegmentId] = useState(search.get('segment') ?? '');
  const [later, setLater] = useState(false);
  const [wall, setWall] = useState('');
  const [expiresDays, setExpiresDays] = useState(30);
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useFormError();
  const zone = browserZone();

  if (sendables.error)
    return <ErrorAlert error={sendables.error} title="Could not load messages and segments" />;
  if (!sendables.data) return <Loading />;
  const { sendable, segments } = sendables.data;
  const message = sendable.find((m) => m.id === messageId);
  const segment = segments.find((s) => s.id === segmentId);
  const sendAt = later ? wallToIso(wall, zone) : undefined;
  const { edit } = form;

  const review = () => {
    form.clear();
    const problem = !message
      ? new ApiError(400, 'validation_failed', 'Choose a message.', 'messageId')
      : !segment
        ? new ApiError(400, 'validation_failed', 'Choose a segment.', 'segmentId')
        : later && !sendAt
          ? new ApiError(400, 'validation_failed', 'Choose a date and time.', 'sendAt')
          : later && Date.parse(sendAt!) <= Date.now()
            ? new ApiError(
                400,
                'validation_failed',
                'Choose a time to come, or send now.',
                'sendAt',
              )
            : undefined;
    if (problem) form.fail(problem);
    else setConfirming(true);
  };
  const send = async () => {
    try {
      const created = await post<Broadcast>(`/workspaces/${seg(ws)}/broadcasts`, {
        name: name.trim() || message!.name,
        messageId,
        segmentId,
        sendAt: later ? sendAt : null,
        expiresDays,
      });
      navigate(`/w/${ws}/broadcasts/${seg(created.id)}`);
    } catch (reason) {
      // Shown beside its field once the dialog has closed.
      form.fail(reason);
    }
  };

  return (
    <>
      <PageHeader
        crumb={<Link href={`/w/${ws}/broadcasts`}>← Broadcasts</Link>}
        title="New broadcast"
        subtitle="One message to everyone in a segment, shown at their next page that matches its page rules."
      />
      <MissingPrerequisites ws={ws} what="broadcast" sendables={sendables.data} needsSegment />
      {sendable.length > 0 && segments.length > 0 && (
        <section className="section" aria-labelledby="broadcast-title">
          <header>
            <h2 id="broadcast-title">Broadcast</h2>
          </header>
          <div className="stack">
            {form.general ? <ErrorAlert error={form.general} title="Not sent" /> : null}
            <div className="grid-2">
              <Field
                label="Message"
                path="messageId"
                error={form.err('messageId')}
                hint="Messages for identified people. A draft can be sent; a paused message waits until it is resumed."
              >
                {(control) => (
                  <select
                    {...control}
                    value={messageId}
                    onChange={(e) => edit(setMessageId)(e.target.value)}
                  >
                    <option value="">Choose a message…</option>
                    <MessageOptions messages={sendable} />
                  </select>
                )}
              </Field>
              <Field
                label="Segment"
                path="segmentId"
                error={form.err('segmentId')}
                hint="Everyone in it when the broadcast sends."
              >
                {(control) => (
                  <select
                    {...control}
                    value={segmentId}
                    onChange={(e) => edit(setSegmentId)(e.target.value)}
                  >
                    <option value="">Choose a segment…</option>
                    <SegmentOptions segments={segments} />
                  </select>
                )}
              </Field>
            </div>
            <Choices legend="When">
              <Choice name="when" checked={!later} onChange={() => edit(setLater)(false)}>
                Now
              </Choice>
              <div className="choice">
                <input
                  type="radio"
                  name="when"
                  id="when-later"
                  checked={later}
                  onChange={() => edit(setLater)(true)}
                />
                <span className="stack" style={{ gap: 6 }}>
                  <label htmlFor="when-later">At a date and time</label>
                  {later && (
                    <Field
                      label={<span className="visually-hidden">Send at</span>}
                      path="sendAt"
                      error={form.err('sendAt')}
                      hint={`Your time zone: ${zone}.`}
                    >
                      {(control) => (
                        <input
                          {...control}
                          type="datetime-local"
                          value={wall}
                          onChange={(e) => edit(setWall)(e.target.value)}
                        />
                      )}
                    </Field>
                  )}
                </span>
              </div>
            </Choices>
            <div className="grid-2">
              <ExpiresField
                value={expiresDays}
                error={form.err('expiresDays')}
                onChange={edit(setExpiresDays)}
              />
              <Field
                label="Name (optional)"
                path="name"
                error={form.err('name')}
                hint="Only your team sees it. Empty: the message's name."
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    maxLength={200}
                    placeholder={message?.name ?? ''}
                    value={name}
                    onChange={(e) => edit(setName)(e.target.value)}
                  />
                )}
              </Field>
            </div>
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={review}>
                {later ? 'Schedule…' : 'Send…'}
              </button>
              <Link className="btn" href={`/w/${ws}/broadcasts`}>
                Cancel
              </Link>
            </div>
          </div>
        </section>
      )}
      <ConfirmDialog
        open={confirming}
        title={later ? 'Schedule this broadcast?' : 'Send this broadcast now?'}
        confirmLabel={later ? 'Schedule broadcast' : 'Send broadcast'}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      >
        <p>
          {later
            ? `“${message?.name}” goes to everyone in ${segment?.name} at that time: ${new Date(sendAt ?? 0).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.`
            : `“${message?.name}” goes now to the ${formatNumber(segment?.members)} ${segment?.members === 1 ? 'person' : 'people'} in ${segment?.name}.`}{' '}
          Each sees it at their next matching page, within {expiresDays} days.
        </p>
        {message?.status === 'active' && !message.audience.segment && (
          <p className="small muted">
            This message is live already: every identified person can see it anyway.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
