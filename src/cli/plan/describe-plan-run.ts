import { plural } from '../../format/plural.ts';
import type { PlanRunReport, PlanRunTaskReport } from '../../run-plan/plan-run-report.ts';
import { formatMilliseconds } from './format-milliseconds.ts';

const errorCharacters = 300;

/**
 * A plan run as text: where it came from and how it stands, then its graph, one task a line in
 * dependency order (indented by depth: a task sits below everything it depends on), each with
 * its status, kind, duration, model (and, with routing, why it went there), the tasks it depends
 * on, whether adaptive planning added it, and why it failed or was skipped.
 */
export function describePlanRun(report: PlanRunReport): string {
  const name = report.name === undefined ? '' : ` (${report.name})`;
  const lines = [
    `Plan run ${report.id}${name}: ${report.status === 'running' ? 'running, or its process died (run it again to resume)' : report.status}`,
    `  ${plural(report.tasks.length, 'task')}: ${report.completed} completed, ${report.failed} failed, ${report.skipped} skipped, ${report.pending} pending`,
  ];
  const origin = describeOrigin(report.origin);
  if (origin !== undefined) lines.push(`  ${origin}`);
  lines.push(`  Table ${report.tableId}: a task's transcript is \`swarm show ${report.tableId} <task>\``, '');

  const depths = depthsOf(report.tasks);
  const ordered = [...report.tasks].sort((left, right) => depths.get(left.id)! - depths.get(right.id)!);
  const rows = ordered.map((task) => [
    task.status,
    `${'  '.repeat(depths.get(task.id)!)}${task.id}`,
    task.kind,
    task.status === 'skipped' ? '—' : formatMilliseconds(task.durationMs),
    task.runs > 1 ? `${task.runs} runs` : '',
    describeModel(task),
    task.dependsOn.length === 0 ? '' : `← ${task.dependsOn.join(', ')}`,
    task.addedAfter === undefined ? '' : `added after ${task.addedAfter}`,
  ]);
  const header = ['status', 'task', 'kind', 'time', 'runs', 'model', 'depends on', ''];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]) => `  ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}`;
  lines.push(render(header));
  ordered.forEach((task, index) => {
    lines.push(render(rows[index]!));
    if (task.error !== undefined) lines.push(`${' '.repeat(widths[0]! + 4)}${task.status === 'skipped' ? 'skipped: ' : ''}${truncate(task.error)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The model a task's calls went to, and, with routing, why: `mock:quality (quality: says "analyze")`. */
function describeModel(task: PlanRunTaskReport): string {
  const route = task.route === undefined ? '' : task.route.tier === 'fast' ? 'fast' : `quality: ${task.route.reasons.join('; ')}`;
  if (task.model === undefined) return route === '' ? '' : `(${route})`;
  return route === '' ? task.model : `${task.model} (${route})`;
}

/** A replay or fork says what it replays; a plan run from a plan says nothing. */
function describeOrigin(origin: Record<string, unknown>): string | undefined {
  if (origin.kind === 'replay') return `A replay of ${String(origin.of)} from its recorded answers`;
  if (origin.kind === 'fork') return `A fork of ${String(origin.of)}: ${String(origin.from)} and what depends on it run again${origin.model === undefined ? '' : ` with ${String(origin.model)}`}`;
  const route = origin.route as { fast: string; quality: string } | undefined;
  if (route !== undefined) return `Model routing: simple tasks to ${route.fast}, complex ones to ${route.quality}`;
  return undefined;
}

/** Each task's depth: 0 for a task that depends on none, else one more than its deepest dependency. */
function depthsOf(tasks: readonly PlanRunTaskReport[]): Map<string, number> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const depths = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const task = byId.get(id);
    if (task === undefined || seen.has(id)) return 0;
    seen.add(id);
    const depth = task.dependsOn.length === 0 ? 0 : 1 + Math.max(...task.dependsOn.map((dependency) => depthOf(dependency, seen)));
    depths.set(id, depth);
    return depth;
  };
  for (const task of tasks) depthOf(task.id, new Set());
  return depths;
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= errorCharacters ? line : `${line.slice(0, errorCharacters - 1)}…`;
}
