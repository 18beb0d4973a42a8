import type { BroadcastStatus, CampaignStatus, SendFigures } from '../api/types.js';
import { formatNumber } from './ui.js';

/**
 * What broadcasts and campaigns achieved. Rates: opened of sent; clicked and converted of
 * opened (only what people saw can be clicked).
 */

export function rate(n: number, of: number): string | undefined {
  if (of <= 0) return undefined;
  return `${((n / of) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

const rows = (f: SendFigures) => [
  { key: 'sent', label: 'Sent', value: f.sent, rate: undefined, of: '' },
  { key: 'opened', label: 'Opened', value: f.opened, rate: rate(f.opened, f.sent), of: 'sent' },
  {
    key: 'clicked',
    label: 'Clicked',
    value: f.clicked,
    rate: rate(f.clicked, f.opened),
    of: 'opened',
  },
  {
    key: 'converted',
    label: 'Converted',
    value: f.converted,
    rate: rate(f.converted, f.opened),
    of: 'opened',
  },
];

/** The figures as stat cards, with rates, then dismissed and withdrawn. */
export function FigureStats({ figures }: { figures: SendFigures }) {
  return (
    <dl className="stats" aria-label="Figures" data-testid="figures">
      {rows(figures).map((r) => (
        <div className="stat" key={r.key} data-figure={r.key}>
          <dt>{r.label}</dt>
          <dd className="stat-value">{formatNumber(r.value)}</dd>
          <dd className="stat-note">{r.rate ? `${r.rate} of ${r.of}` : '\u00a0'}</dd>
        </div>
      ))}
      <div className="stat" data-figure="dismissed">
        <dt>Dismissed</dt>
        <dd className="stat-value">{formatNumber(figures.dismissed)}</dd>
        <dd className="stat-note">{'\u00a0'}</dd>
      </div>
      <div className="stat" data-figure="withdrawn">
        <dt>Withdrawn</dt>
        <dd className="stat-value">{formatNumber(figures.withdrawn)}</dd>
        <dd className="stat-note">Taken back unopened</dd>
      </div>
    </dl>
  );
}

/** Table headers for <FigureCells>. */
export function FigureHeads() {
  return (
    <>
      {rows({ sent: 0, opened: 0, clicked: 0, dismissed: 0, converted: 0, withdrawn: 0 }).map(
        (r) => (
          <th scope="col" className="num" key={r.key}>
            {r.label}
          </th>
        ),
      )}
    </>
  );
}

/** Sent, opened, clicked, converted as table cells, each rate below its number. */
export function FigureCells({ figures }: { figures: SendFigures }) {
  return (
    <>
      {rows(figures).map((r) => (
        <td data-label={r.label} className="num" key={r.key}>
          {formatNumber(r.value)}
          {r.rate && <div className="cell-sub">{r.rate}</div>}
        </td>
      ))}
    </>
  );
}

const STATUS: Record<BroadcastStatus | CampaignStatus, { label: string; tone: string }> = {
  scheduled: { label: 'Scheduled', tone: 'scheduled' },
  sending: { label: 'Sending', tone: 'paused' },
  sent: { label: 'Sent', tone: 'active' },
  active: { label: 'Active', tone: 'active' },
  stopped: { label: 'Stopped', tone: 'archived' },
};

export function SendStatusBadge({ status }: { status: BroadcastStatus | CampaignStatus }) {
  const { label, tone } = STATUS[status];
  return <span className={`badge badge-${tone}`}>{label}</span>;
}
