import type { Plan, PlanTask } from './plan.ts';
import type { Wave } from './wave-schema.ts';

/** How each task of a wave is done: an agent of this type, or this command line. */
export type WaveWork = { agent: string; command?: undefined } | { command: string; agent?: undefined };

/**
 * The plan of an agentops wave: one task per `wave` entry (ready, in priority order: lower first)
 * and per `blocked` entry (depending on its `blocked_by`, in priority order after them); a
 * `completed` entry counts as done, so a `blocked_by` naming one is already met. Each task's
 * description is the seed's bead prompt ("OL bead … Read the spec file at …"); every text, number
 * and true/false field of its entry (`title`, `spec_path`, `priority`, …) is a value a command
 * template may name, with `{id}` and `{description}`.
 */
export function planFromWave(wave: Wave, work: WaveWork, { name }: { name?: string } = {}): Plan {
  const done = new Set((wave.completed ?? []).map((entry) => entry.id));
  const byPriority = <Entry extends { priority?: number }>(entries: readonly Entry[]) =>
    entries
      .map((entry, index) => ({ entry, index }))
      .sort((left, right) => (left.entry.priority ?? Infinity) - (right.entry.priority ?? Infinity) || left.index - right.index)
      .map(({ entry }) => entry);
  const taskOf = (entry: Wave['wave'][number], dependsOn: string[]): PlanTask => ({
    id: entry.id,
    description: beadPrompt(entry),
    ...(dependsOn.length === 0 ? {} : { dependsOn }),
    ...(work.agent !== undefined ? { agent: work.agent } : { command: work.command }),
    values: valuesOf(entry),
  });
  return {
    ...(name === undefined ? {} : { name }),
    tasks: [
      ...byPriority(wave.wave).map((entry) => taskOf(entry, [])),
      ...byPriority(wave.blocked ?? []).map((entry) => taskOf(entry, entry.blocked_by.filter((id) => !done.has(id)))),
    ],
  };
}

/** The seed's prompt for a bead: its id and title, where its spec is, and its priority. */
function beadPrompt(entry: Wave['wave'][number]): string {
  const lines = [`OL bead ${entry.id}${entry.title === undefined ? '' : `: ${entry.title}`}`];
  if (entry.spec_path !== undefined) lines.push(`Spec: ${entry.spec_path}`);
  if (entry.priority !== undefined) lines.push(`Priority: ${entry.priority}`);
  if (entry.spec_path !== undefined) lines.push('', `Read the spec file at ${entry.spec_path} for full requirements.`);
  return lines.join('\n');
}

/** The entry's fields a command may name: text, numbers and true/false, besides `id`. */
function valuesOf(entry: Record<string, unknown>): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'id' || key === 'blocked_by' || key === 'description' || !/^[A-Za-z_][\w.-]*$/.test(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value;
  }
  return values;
}
