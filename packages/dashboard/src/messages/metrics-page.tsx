import { useMemo, useState } from 'react';
import { inInbox, type Message } from '@herald/protocol';
import { get, seg } from '../api/client.js';
import type { Metrics } from '../api/types.js';
import {
  ErrorAlert,
  Field,
  formatNumber,
  Loading,
  PageHeader,
  StatusBadge,
} from '../components/ui.js';
import { useAsync } from '../components/use-async.js';
import { Link, useTitle } from '../router.js';
import { MetricsChart, SERIES } from './chart.js';
import { ExperimentResults, LocaleResults } from './experiment-results.js';

const RANGES = [
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: 'custom', label: 'Custom range' },
];
const DAY = 86_400_000;
const dateInput = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** A message's results over a date range: figures, clicks per button, and a chart over time. */
export function MetricsPage({ ws, id }: { ws: string; id: string }) {
  const base = `/workspaces/${seg(ws)}/messages/${seg(id)}`;
  const message = useAsync(() => get<Message>(base), [base]);
  useTitle(`Metrics · ${message.data?.name ?? ''}`);
  const [range, setRange] = useState('7');
  const [fromDate, setFromDate] = useState(() => dateInput(Date.now() - 7 * DAY));
  const [toDate, setToDate] = useState(() => dateInput(Date.now()));

  const { from, to, interval } = useMemo(() => {
    let start: number;
    let end: number;
    if (range === 'custom') {
      start = new Date(`${fromDate}T00:00`).getTime();
      end = new Date(`${toDate}T00:00`).getTime() + DAY;
    } else {
      // Whole hours, so that a re-render does not ask for a new range every millisecond.
      end = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
      start = end - Number(range) * DAY;
    }
    const valid = Number.isFinite(start) && Number.isFinite(end) && end > start;
    return {
      from: valid ? new Date(start).toISOString() : '',
      to: valid ? new Date(end).toISOString() : '',
      interval: end - start <= 2 * DAY ? 'hour' : 'day',
    };
  }, [range, fromDate, toDate]);

  const metrics = useAsync(
    () =>
      from
        ? get<Metrics>(`${base}/metrics?${new URLSearchParams({ from, to, interval })}`)
        : Promise.reject(new Error('Choose a start date before the end date.')),
    [base, from, to, interval],
  );
  const m = metrics.data;
  const clicks = Object.entries(m?.clicks ?? {}).sort((a, b) => b[1] - a[1]);
  const totalClicks = clicks.reduce((sum, [, n]) => sum + n, 0);
  const maxClicks = Math.max(1, ...clicks.map(([, n]) => n));

  return (
    <>
      <PageHeader
        crumb={
          <Link href={`/w/${ws}/messages/${seg(id)}`}>← {message.data?.name ?? 'Message'}</Link>
        }
        title={
          <span className="row" style={{ alignItems: 'center', gap: 10 }}>
            Metrics {message.data && <StatusBadge status={message.data.status} />}
          </span>
        }
        subtitle={
          message.data
            ? `${message.data.name} · goal: ${message.data.goal.criteria === 'click' ? 'a click' : 'a view'}, then sign-up within ${message.data.goal.windowDays} days`
            : undefined
        }
      />
      <div className="section">
        <div className="row">
          <Field label="Date range" path="range">
            {(control) => (
              <select {...control} value={range} onChange={(e) => setRange(e.target.value)}>
                {RANGES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {range === 'custom' && (
            <>
              <Field label="From" path="from">
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    value={fromDate}
                    max={toDate}
                    onChange={(e) => setFromDate(e.target.value)}
                  />
                )}
              </Field>
              <Field label="To" path="to">
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    value={toDate}
                    min={fromDate}
                    onChange={(e) => setToDate(e.target.value)}
                  />
                )}
              </Field>
            </>
          )}
          <span className="small muted">By {interval}</span>
        </div>
      </div>
      {metrics.error ? <ErrorAlert error={metrics.error} title="Could not load metrics" /> : null}
      {metrics.loading && !m ? <Loading /> : null}
      {m && (
        <>
          <dl className="stats" style={{ margin: '16px 0' }} aria-label="Totals for the range">
            <Stat label="Views" value={formatNumber(m.views)} />
            <Stat label="Unique viewers" value={formatNumber(m.uniqueViewers)} />
            <Stat label="Dismissals" value={formatNumber(m.dismissals)} />
            <Stat label="Clicks" value={formatNumber(totalClicks)} />
            <Stat label="Conversions" value={formatNumber(m.conversions)} />
            <Stat
              label="Conversion rate"
              value={`${(m.conversionRate * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`}
            />
          </dl>
          {m.inbox && message.data && inInbox(message.data) && (
            <section className="section" aria-labelledby="inbox-figures-title">
              <header>
                <h2 id="inbox-figures-title">In the inbox</h2>
                <p>Openings and clicks in the inbox are part of the views and clicks above.</p>
              </header>
              <dl className="stats" aria-label="Inbox totals for the range">
                <Stat label="Opened in the inbox" value={formatNumber(m.inbox.opens)} />
                <Stat label="Clicks in the inbox" value={formatNumber(m.inbox.clicks)} />
                <Stat label="Marked read" value={formatNumber(m.inbox.reads)} />
                <Stat label="Archived" value={formatNumber(m.inbox.archives)} />
              </dl>
            </section>
          )}
          {m.experiment && (
            <ExperimentResults
              ws={ws}
              messageId={id}
              experiment={m.experiment}
              onChange={() => metrics.reload()}
            />
          )}
          {m.locales && Object.keys(m.locales).length > 0 && <LocaleResults locales={m.locales} />}
          <section className="section" aria-labelledby="chart-title">
            <header className="row" style={{ justifyContent: 'space-between' }}>
              <h2 id="chart-title">Over time</h2>
              <div className="legend" aria-hidden="true">
                {SERIES.map((s) => (
                  <span key={s.key}>
                    <i style={{ background: s.color }} />
                    {s.label}
                  </span>
                ))}
              </div>
            </header>
            {m.series.length === 0 ? (
              <p className="muted">Nothing happened in this range.</p>
            ) : (
              <MetricsChart
                series={m.series}
                label={`Views, clicks, dismissals and conversions by ${interval}`}
              />
            )}
            {m.series.length > 0 && (
              <details style={{ marginTop: 12 }}>
                <summary>Show as a table</summary>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{interval === 'hour' ? 'Hour' : 'Day'}</th>
                        {SERIES.map((s) => (
                          <th scope="col" className="num" key={s.key}>
                            {s.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {m.series.map((p) => (
                        <tr key={p.t}>
                          <td>
                            {new Date(p.t).toLocaleString(
                              undefined,
                              interval === 'hour'
                                ? { dateStyle: 'short', timeStyle: 'short' }
                                : { dateStyle: 'medium' },
                            )}
                          </td>
                          {SERIES.map((s) => (
                            <td className="num" key={s.key}>
                              {formatNumber(p[s.key])}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            )}
          </section>
          <section className="section" aria-labelledby="clicks-title">
            <header>
              <h2 id="clicks-title">Clicks per button</h2>
            </header>
            {clicks.length === 0 ? (
              <p className="muted">No clicks in this range.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Button (action)</th>
                      <th scope="col" className="num">
                        Clicks
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Share</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {clicks.map(([name, n]) => (
                      <tr key={name}>
                        <td className="mono">{name}</td>
                        <td className="num">{formatNumber(n)}</td>
                        <td style={{ width: '40%' }}>
                          <div className="bar" aria-hidden="true">
                            <span style={{ width: `${(n / maxClicks) * 100}%` }} />
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
