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

type Key = 'sent' | 'opened' | 'clicked' | 'converted';

/** The main figures, each with the figure its rate is of. */
const MAIN: Array<{ key: Key; label: string; of?: Key }> = [
  { key: 'sent', label: 'Sent' },
  { key: 'opened', label: 'Opened', of: 'sent' },
  { key: 'clicked', label: 'Clicked', of: 'opened' },
  { key: 'converted', label: 'Converted', of: 'opened' },
];

const rateOf = (f: SendFigures, column: (typeof MAIN)[number]) =>
  column.of ? rate(f[column.key], f[column.of]) : undefined;

/** The figures as stat cards, with rates, then dismissed and withdrawn. */
export function FigureStats({ figures }: { figures: SendFigures }) {
  return (
    <dl className="stats" aria-label="Figures" data-testid="figures">
      {MAIN.map((column) => {
        const share = rateOf(figures, column);
        return (
          <div className="stat" key={column.key} data-figure={column.key}>
            <dt>{column.label}</dt>
            <dd className="stat-value">{formatNumber(figures[column.key])}</dd>
            <dd className="stat-note">{share ? `${share} of ${column.of}` : '\u00a0'}</dd>
          </div>
        );
      })}
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
      {MAIN.map((column) => (
        <th scope="col" className="num" key={column.key}>
          {column.label}
        </th>
      ))}
    </>
  );
}

/** Sent, opened, clicked, converted as table cells, each rate below its number. */
export function FigureCells({ figures }: { figures: SendFigures }) {
  return (
    <>
      {MAIN.map((column) => {
        const share = rateOf(figures, column);
        return (
          <td data-label={column.label} className="num" key={column.key}>
            <span>
              {formatNumber(figures[column.key])}
              {share && <span className="cell-sub cell-rate">{share}</span>}
            </span>
          </td>
        );
      })}
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
