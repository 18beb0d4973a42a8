import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { MetricsPoint } from '../api/types.js';

export const SERIES: Array<{ key: keyof Omit<MetricsPoint, 't'>; label: string; color: string }> = [
  { key: 'views', label: 'Views', color: '#4f46e5' },
  { key: 'clicks', label: 'Clicks', color: '#0e9f6e' },
  { key: 'dismissals', label: 'Dismissals', color: '#d97706' },
  { key: 'conversions', label: 'Conversions', color: '#db2777' },
];

/** A uPlot line chart of the metrics series; loaded on demand, resized with its box. */
export function MetricsChart({ series, label }: { series: MetricsPoint[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let plot: uPlot | undefined;
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
      ([{ default: UPlot }]) => {
        if (cancelled) return;
        const data: uPlot.AlignedData = [
          series.map((p) => Date.parse(p.t) / 1000),
          ...SERIES.map((s) => series.map((p) => p[s.key])),
        ];
        const width = () => Math.max(280, element.clientWidth);
        plot = new UPlot(
          {
            width: width(),
            height: 280,
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: { y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
            axes: [
              { stroke: '#5b6473', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e2e5ea' } },
              {
                stroke: '#5b6473',
                grid: { stroke: '#eef0f3' },
                ticks: { stroke: '#e2e5ea' },
                size: 48,
              },
            ],
            series: [
              {},
              ...SERIES.map((s) => ({
                label: s.label,
                stroke: s.color,
                width: 2,
                points: { show: series.length < 60 },
              })),
            ],
          },
          data,
          element,
        );
        observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: 280 }));
        observer.observe(element);
      },
    );
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [series]);
  return <div className="chart" ref={host} role="img" aria-label={label} />;
}
