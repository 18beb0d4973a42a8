import { useEffect, useState } from 'react';
import { get } from '../api/client.js';
import type { ActivityEvent, Page } from '../api/types.js';
import { ErrorAlert, formatDateTime, Loading } from '../components/ui.js';

/** What one activity entry says, in a line: "Signed Up", "Viewed /pricing", "Message shown"… */
function describe(event: ActivityEvent): { kind: string; title: string } {
  const properties = event.properties ?? {};
  switch (event.type) {
    case 'track':
      return { kind: 'track', title: event.event ?? 'Event' };
    case 'page':
    case 'screen':
      return {
        kind: 'page',
        title: event.name || String(properties.url ?? properties.path ?? 'Page'),
      };
    case 'identify':
      return { kind: 'identify', title: `Identified as ${event.userId ?? ''}` };
    case 'alias':
      return { kind: 'identify', title: 'Alias' };
    case 'group':
      return { kind: 'identify', title: 'Joined a group' };
    default:
      // In-app message events (shown, dismissed, clicked…) and anything newer.
      return {
        kind: 'message',
        title: event.name ?? event.event ?? event.type.replaceAll('_', ' '),
      };
  }
}

/** The activity log, newest first, a page at a time. */
export function ActivityLog({ path }: { path: string }) {
  const [events, setEvents] = useState<ActivityEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = async (before?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const query = new URLSearchParams({ limit: '50' });
      if (before) query.set('before', before);
      const page = await get<Page<ActivityEvent>>(`${path}?${query}`);
      setEvents((list) => (before ? [...list, ...page.data] : page.data));
      setNext(page.next);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load();
    // Reload only when the person changes.
  }, [path]);

  return (
    <>
      <ErrorAlert error={error} title="Could not load activity" />
      {events.length === 0 && !loading && !error && <p className="muted">No activity yet.</p>}
      <ol className="timeline" aria-label="Activity, newest first">
        {events.map((event) => {
          const { kind, title } = describe(event);
          const props =
            event.properties && Object.keys(event.properties).length > 0
              ? JSON.stringify(event.properties)
              : '';
          return (
            <li key={String(event.id)}>
              <time dateTime={event.timestamp}>{formatDateTime(event.timestamp)}</time>
              <div>
                <span className={`event-type t-${kind}`}>{event.type}</span>
                <strong>{title}</strong>
                {event.anonymousId && (
                  <span className="small faint"> · anon {event.anonymousId}</span>
                )}
                {props && (
                  <div className="event-props">
                    {props.length > 300 ? `${props.slice(0, 300)}…` : props}
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {loading && <Loading />}
      {next && !loading && (
        <button type="button" className="btn btn-sm" onClick={() => load(next)}>
          Load older activity
        </button>
      )}
    </>
  );
}
