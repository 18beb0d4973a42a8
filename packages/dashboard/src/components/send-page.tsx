import type { ReactNode } from 'react';
import { seg } from '../api/client.js';
import type { BroadcastStatus, CampaignStatus, SendFigures } from '../api/types.js';
import { Link } from '../router.js';
import { FigureStats, SendStatusBadge } from './figures.js';
import { ErrorAlert, PageHeader } from './ui.js';

/**
 * The page of one broadcast or campaign: its name and status, its figures (live: the caller
 * polls), then its details. The page's confirmation dialogs go in `children`.
 */
export function SendPage(props: {
  /** The list it belongs to, for the breadcrumb. */
  back: { href: string; label: string };
  name: string;
  status: BroadcastStatus | CampaignStatus;
  subtitle: string;
  actions: ReactNode;
  /** The last poll's error; what is shown is the answer before. */
  refreshError: unknown;
  /** Above the figures, e.g. that the message is paused. */
  warning?: ReactNode;
  figures: SendFigures;
  /** After "Live: updates every few seconds." */
  liveNote?: string;
  /** <dt>/<dd> pairs. */
  details: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader
        crumb={<Link href={props.back.href}>← {props.back.label}</Link>}
        title={
          <span className="row" style={{ alignItems: 'center', gap: 10 }}>
            {props.name} <SendStatusBadge status={props.status} />
          </span>
        }
        subtitle={props.subtitle}
        actions={props.actions}
      />
      {props.refreshError ? (
        <ErrorAlert error={props.refreshError} title="Could not refresh" />
      ) : null}
      {props.warning && (
        <div className="alert alert-warning" style={{ marginBottom: 16 }}>
          {props.warning}
        </div>
      )}
      <FigureStats figures={props.figures} />
      <p className="small muted" style={{ margin: '8px 0 16px' }}>
        <span className="live-dot" aria-hidden="true" /> Live: updates every few seconds.
        {props.liveNote ? ` ${props.liveNote}` : null}
      </p>
      <section className="section" aria-labelledby="details-title">
        <header>
          <h2 id="details-title">Details</h2>
        </header>
        <dl className="kv kv-text">{props.details}</dl>
      </section>
      {props.children}
    </>
  );
}

/** The message a broadcast or campaign sends, linking to it; its id when it is not found. */
export function MessageLink(props: {
  ws: string;
  message: { id: string; name: string } | undefined;
  id: string;
}) {
  const { message } = props;
  if (!message) return props.id;
  return <Link href={`/w/${props.ws}/messages/${seg(message.id)}`}>{message.name}</Link>;
}

/** How long a queued message waits to be opened: `30 days after it is queued`. */
export const expiresAfter = (days: number) =>
  `${days} day${days === 1 ? '' : 's'} after it is queued`;
