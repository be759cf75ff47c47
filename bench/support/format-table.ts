import { differenceOf, meetsTarget, type Metric } from './metric.ts';

const headers = ['metric', 'Swarm', 'baseline', 'Swarm/baseline', 'Swarm − baseline', 'target', 'result'];

/**
 * The results as an aligned plain-text table, one metric per line. When metrics name their
 * baseline, a column after the metric's name says which; Infinity prints as ∞.
 */
export function formatTable(metrics: Metric[]): string {
  const named = metrics.some((metric) => metric.baselineName !== undefined);
  const lines = metrics.map((metric) => {
    const met = meetsTarget(metric);
    const { baseline } = metric;
    const difference = differenceOf(metric);
    // A ratio or difference with an infinite side (a client that never settled) says nothing.
    const comparable = baseline !== undefined && Number.isFinite(baseline) && Number.isFinite(metric.swarm);
    return [
      metric.name,
      ...(named ? [metric.baselineName ?? ''] : []),
      `${formatNumber(metric.swarm)} ${metric.unit}`,
      baseline === undefined ? '—' : `${formatNumber(baseline)} ${metric.unit}`,
      !comparable || baseline === 0 ? '—' : `${(metric.swarm / baseline).toFixed(2)}×`,
      !comparable || difference === undefined ? '—' : `${formatNumber(difference, { signed: true })} ${metric.unit}`,
      targetText(metric),
      met === undefined ? '' : met ? 'pass' : 'FAIL',
    ];
  });
  const columns = named ? [headers[0]!, 'vs', ...headers.slice(1)] : headers;
  const leftAligned = named ? 2 : 1;
  const widths = columns.map((header, column) => Math.max(header.length, ...lines.map((line) => line[column]!.length)));
  const render = (cells: string[]) =>
    cells.map((cell, column) => (column < leftAligned ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [render(columns), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}

/** A metric's target as the tables print it ("Swarm ≥ 95 %"); empty without one. */
export function targetText({ target, unit }: Metric): string {
  if (target === undefined) return '';
  const subject = target.on === 'swarm' ? 'Swarm' : 'Swarm − baseline';
  const bounds = [];
  if (target.atLeast !== undefined) bounds.push(`≥ ${formatNumber(target.atLeast)}`);
  if (target.atMost !== undefined) bounds.push(`≤ ${formatNumber(target.atMost)}`);
  return `${subject} ${bounds.join(', ')} ${unit}`;
}

/** A figure with two decimals under 10, one under 100, none above; Infinity as ∞. */
export function formatNumber(value: number, { signed = false }: { signed?: boolean } = {}): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return signed && value > 0 ? `+${text}` : text;
}
