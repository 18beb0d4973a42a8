import { useState } from 'react';
import { post, seg } from '../api/client.js';
import type { ExperimentFigures, SplitFigures } from '../api/types.js';
import { ConfirmDialog, formatNumber } from '../components/ui.js';
import { verdictInWords } from './experiment-words.js';

const rate = (r: number) => `${(r * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
const clicksOf = (g: SplitFigures) => Object.values(g.clicks).reduce((a, b) => a + b, 0);

/**
 * An experiment's variants side by side with the holdout, each judged against the control in
 * words, and the button that ends the experiment with a winner.
 */
export function ExperimentResults({
  ws,
  messageId,
  experiment,
  onChange,
}: {
  ws: string;
  messageId: string;
  experiment: ExperimentFigures;
  onChange: () => void;
}) {
  const [choosing, setChoosing] = useState<string>();
  const rows = [
    ...(experiment.holdout
      ? [
          {
            key: 'holdout',
            name: `Holdout (${experiment.holdoutPercent}%)`,
            figures: experiment.holdout,
            words: 'Sees nothing: the control group.',
          },
        ]
      : []),
    ...experiment.variants.map((v) => ({
      key: v.key,
      name: v.name,
      figures: v as SplitFigures,
      words: verdictInWords(v, experiment),
    })),
  ];
  const chosen = experiment.variants.find((v) => v.key === choosing);
  return (
    <section className="section" aria-labelledby="experiment-title">
      <header>
        <h2 id="experiment-title">Experiment</h2>
        <p>
          {experiment.winner
            ? `Ended: everyone gets ${experiment.variants.find((v) => v.key === experiment.winner)?.name ?? experiment.winner}.`
            : `Each variant against ${experiment.control === 'holdout' ? 'the holdout, who see nothing' : 'the first variant'}, since launch. Conversions count from the first exposure, for every group alike; a difference is called real below p = ${experiment.significance} (two-proportion z-test).`}
        </p>
      </header>
      <div className="table-wrap">
        <table data-testid="experiment-table">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">
                People
              </th>
              <th scope="col" className="num">
                Views
              </th>
              <th scope="col" className="num">
                Clicks
              </th>
              <th scope="col" className="num">
                Conversions
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Winner</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-variant={row.key}>
                <th scope="row">
                  {row.name}
                  {experiment.winner === row.key ? ' 🏆' : ''}
                </th>
                <td className="num">{formatNumber(row.figures.exposed)}</td>
                <td className="num">{formatNumber(row.figures.views)}</td>
                <td className="num">{formatNumber(clicksOf(row.figures))}</td>
                <td className="num">{formatNumber(row.figures.conversions)}</td>
                <td className="num">{rate(row.figures.conversionRate)}</td>
                <td>{row.words}</td>
                <td>
                  {row.key !== 'holdout' && !experiment.winner && (
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => setChoosing(row.key)}
                    >
                      Declare winner
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={chosen !== undefined}
        title={`Make “${chosen?.name ?? ''}” the winner?`}
        confirmLabel="Declare the winner"
        onConfirm={async () => {
          await post(`/workspaces/${seg(ws)}/messages/${seg(messageId)}/winner`, {
            variant: choosing,
          });
          onChange();
        }}
        onClose={() => setChoosing(undefined)}
      >
        <p>From their next page everyone gets it, the holdout too. The experiment ends.</p>
      </ConfirmDialog>
    </section>
  );
}

/** Figures per language: every language combined above, each on its own here. */
export function LocaleResults({ locales }: { locales: Record<string, SplitFigures> }) {
  const entries = Object.entries(locales).sort((a, b) => b[1].exposed - a[1].exposed);
  return (
    <section className="section" aria-labelledby="locales-title">
      <header>
        <h2 id="locales-title">By language</h2>
      </header>
      <div className="table-wrap">
        <table data-testid="locale-table">
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col" className="num">
                People
              </th>
              <th scope="col" className="num">
                Views
              </th>
              <th scope="col" className="num">
                Clicks
              </th>
              <th scope="col" className="num">
                Conversions
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([locale, figures]) => (
              <tr key={locale}>
                <th scope="row">{locale === 'default' ? 'Default' : locale}</th>
                <td className="num">{formatNumber(figures.exposed)}</td>
                <td className="num">{formatNumber(figures.views)}</td>
                <td className="num">{formatNumber(clicksOf(figures))}</td>
                <td className="num">{formatNumber(figures.conversions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
