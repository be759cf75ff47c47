import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** Rows settled per second and calls in flight, second by second (a uPlot chart; the numbers beside it say the same in words). */
export function ThroughputChart({ rows, inFlight }: { rows: number[]; inFlight: number[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  const seconds = rows.map((_, index) => index);
  useEffect(() => {
    const options: uPlot.Options = {
      width: 560,
      height: 200,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds' }, { label: 'rows/s' }, { side: 1, scale: 'calls', label: 'in flight', grid: { show: false } }],
      series: [{ label: 's' }, { label: 'rows/s', stroke: '#1f6feb', width: 2 }, { label: 'calls in flight', scale: 'calls', stroke: '#b35900', width: 2, dash: [6, 4] }],
    };
    chart.current = new uPlot(options, [[], [], []], container.current!);
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    chart.current?.setData([seconds, rows, inFlight]);
  });
  return <div ref={container} class="chart" role="img" aria-label="Rows per second and calls in flight over time" />;
}
