import { inInbox, type InboxSettings } from '@herald/protocol';
import { Field, fieldId } from '../../components/ui.js';
import type { SectionProps } from '../draft.js';
import { browserZone, isoToWall, wallToIso } from '../timezones.js';

/**
 * The inbox: whether the message stays in visitors' inboxes once shown (an "Inbox only" display
 * always does), under which topic, with which title, and until when.
 */
export function InboxSection({ draft, update, err }: SectionProps) {
  const only = draft.display.type === 'inbox';
  const kept = inInbox(draft);
  const inbox: InboxSettings = draft.inbox ?? {};
  const zone = draft.schedule.timezone || browserZone();
  const set = (patch: Partial<InboxSettings>) => update({ inbox: { ...inbox, ...patch } });

  return (
    <section className="section" aria-labelledby="inbox-title">
      <header>
        <h2 id="inbox-title">Inbox</h2>
        <p>
          The inbox keeps messages until people archive them, with an unread badge, in every tab and
          on every device. Sites show it with <code>herald.inbox</code> or the built-in bell.
        </p>
      </header>
      <div className="stack">
        <label className="choice">
          <input
            type="checkbox"
            id={fieldId('inbox')}
            checked={kept}
            disabled={only}
            onChange={(e) => update({ inbox: e.target.checked ? {} : undefined })}
          />
          <span>
            {only
              ? 'Shown only in the inbox (display “Inbox only”)'
              : 'Keep it in the visitor’s inbox after it shows'}
          </span>
        </label>
        {kept && (
          <div className="grid-2">
            <Field
              label="Topic (optional)"
              path="inbox.topic"
              error={err('inbox.topic')}
              hint="Groups the feed: herald.inbox.list({ topic })."
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  placeholder="product-updates"
                  value={inbox.topic ?? ''}
                  onChange={(e) => set({ topic: e.target.value || null })}
                />
              )}
            </Field>
            <Field
              label="Title in the inbox (optional)"
              path="inbox.title"
              error={err('inbox.title')}
              hint="Default: the first heading of the first step."
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  placeholder="What’s new in June"
                  value={inbox.title ?? ''}
                  onChange={(e) => set({ title: e.target.value || null })}
                />
              )}
            </Field>
            <Field
              label={`Leaves every inbox at (optional, ${zone})`}
              path="inbox.expiresAt"
              error={err('inbox.expiresAt')}
            >
              {(control) => (
                <input
                  {...control}
                  type="datetime-local"
                  value={isoToWall(inbox.expiresAt, zone)}
                  onChange={(e) => set({ expiresAt: wallToIso(e.target.value, zone) ?? null })}
                />
              )}
            </Field>
          </div>
        )}
      </div>
    </section>
  );
}
