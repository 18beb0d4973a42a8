import { get, seg } from '../api/client.js';
import type { MessageWithStats, Segment } from '../api/types.js';
import { Link } from '../router.js';

/**
 * What broadcasts and campaigns can send, and to whom: messages for identified people (a
 * queued message is for one userId; Liquid may use their traits) that are not archived, and
 * the workspace's segments.
 */
export interface Sendables {
  messages: MessageWithStats[];
  /** The messages a broadcast or campaign may send. */
  sendable: MessageWithStats[];
  segments: Segment[];
}

export async function loadSendables(ws: string): Promise<Sendables> {
  const [messages, segments] = await Promise.all([
    get<{ data: MessageWithStats[] }>(`/workspaces/${seg(ws)}/messages`),
    get<{ data: Segment[] }>(`/workspaces/${seg(ws)}/segments`),
  ]);
  return {
    messages: messages.data,
    sendable: messages.data.filter(
      (m) => m.audience.type === 'identified' && m.status !== 'archived',
    ),
    segments: segments.data,
  };
}

const STATUS = { draft: 'draft', active: 'live', paused: 'paused', archived: 'archived' };

/** `<option>`s of the sendable messages, each with its status. */
export function MessageOptions({ messages }: { messages: MessageWithStats[] }) {
  return (
    <>
      {messages.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name} ({STATUS[m.status]})
        </option>
      ))}
    </>
  );
}

/** Says why the form cannot be used yet, and what to do. */
export function MissingPrerequisites(props: {
  ws: string;
  what: 'broadcast' | 'campaign';
  sendables: Sendables;
  /** A campaign on events needs no segment. */
  needsSegment: boolean;
}) {
  const { ws, sendables } = props;
  const noMessage = sendables.sendable.length === 0;
  const noSegment = props.needsSegment && sendables.segments.length === 0;
  if (!noMessage && !noSegment) return null;
  return (
    <div className="card empty" data-testid="prerequisites">
      <h2>
        {noSegment ? 'Create a segment first' : 'Create a message for identified people first'}
      </h2>
      {noSegment && (
        <p>
          A {props.what} goes to the people of a segment: a group of identified people, by their
          traits and what they did.
        </p>
      )}
      {noMessage && (
        <p>
          A {props.what} sends a message whose audience is <strong>Identified people</strong>: it is
          queued for each person, by their userId.{' '}
          {sendables.messages.length > 0
            ? 'None of your messages is: create one with Audience “Identified people”, or change the audience of a draft.'
            : 'Create one, and choose Audience “Identified people”.'}
        </p>
      )}
      <div className="row" style={{ justifyContent: 'center' }}>
        {noSegment && (
          <Link className="btn btn-primary" href={`/w/${ws}/segments/new`}>
            Create a segment
          </Link>
        )}
        {noMessage && (
          <Link className={noSegment ? 'btn' : 'btn btn-primary'} href={`/w/${ws}/messages/new`}>
            Create a message
          </Link>
        )}
      </div>
    </div>
  );
}
