/** A DESIGN.md target: a bound on Swarm's own figure or on how far it is from the baseline. */
export interface Target {
  on: 'swarm' | 'difference';
  atLeast?: number;
  atMost?: number;
}

/** One line of the results table: Swarm beside the baseline measured in the same run. */
export interface Metric {
  name: string;
  unit: string;
  swarm: number;
  /** Undefined when the baseline has no such step (it loads no store). */
  baseline: number | undefined;
  /** Which baseline, when a benchmark compares Swarm with more than one (one line per baseline). */
  baselineName?: string;
  /** Swarm − baseline; given when it is not simply the difference of the two (a median of differences, say). */
  difference?: number;
  target?: Target;
}

/** Swarm − baseline for a metric; undefined without a baseline. */
export function differenceOf(metric: Metric): number | undefined {
  return metric.difference ?? (metric.baseline === undefined ? undefined : metric.swarm - metric.baseline);
}

/** Whether a metric meets its target; undefined when it has none. */
export function meetsTarget(metric: Metric): boolean | undefined {
  const { target } = metric;
  if (target === undefined) return undefined;
  const value = target.on === 'swarm' ? metric.swarm : differenceOf(metric);
  if (value === undefined) return false;
  return (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
}
