import { meetsTarget, type Metric } from './metric.ts';
import { formatNumber, targetText } from './format-table.ts';

/**
 * Metrics compared with several named baselines as an aligned plain-text table: one line per
 * metric name, Swarm, then each baseline followed by the ratio Swarm/baseline, then the target. A figure a side
 * does not have (NaN) prints as n/a; Infinity as ∞.
 */
export function formatComparisonTable(metrics: Metric[]): string {
  const baselineNames = [...new Set(metrics.map((metric) => metric.baselineName ?? 'baseline'))];
  const lines = new Map<string, { first: Metric; baselines: Map<string, number | undefined> }>();
  for (const metric of metrics) {
    const line = lines.get(metric.name) ?? { first: metric, baselines: new Map() };
    line.baselines.set(metric.baselineName ?? 'baseline', metric.baseline);
    lines.set(metric.name, line);
  }
  const header = ['metric', 'Swarm', ...baselineNames.flatMap((name) => [name, 'ratio']), 'target', 'result'];
  const rows = [...lines.values()].map(({ first, baselines }) => {
    const met = meetsTarget(first);
    return [
      first.name,
      figure(first.swarm, first.unit),
      ...baselineNames.flatMap((name) => {
        const baseline = baselines.get(name);
        const comparable = baseline !== undefined && Number.isFinite(baseline) && baseline !== 0 && Number.isFinite(first.swarm);
        return [baseline === undefined ? '' : figure(baseline, first.unit), comparable ? `${(first.swarm / baseline).toFixed(2)}×` : '—'];
      }),
      targetText(first),
      met === undefined ? '' : met ? 'pass' : 'FAIL',
    ];
  });
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...rows.map(render)].join('\n');
}

function figure(value: number, unit: string): string {
  return Number.isNaN(value) ? 'n/a' : `${formatNumber(value)} ${unit}`;
}
