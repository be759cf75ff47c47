/** One task of the synthetic DAG: how long its command sleeps, and what it waits for. */
export interface DagTask {
  id: string;
  durationMs: number;
  dependsOn: string[];
}

/**
 * A layered random DAG, the same for a given seed: `layers` layers of `width` tasks; each task
 * after the first layer depends on one to three tasks of the layer before (fan-in), and, one time
 * in three, on a task of an earlier layer too, so tasks fan out to several dependents. Durations
 * are uniform in [minMs, maxMs] (0 and 0: zero-duration tasks).
 */
export function syntheticDag({ layers, width, minMs, maxMs, seed }: { layers: number; width: number; minMs: number; maxMs: number; seed: number }): DagTask[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const byLayer: DagTask[][] = [];
  for (let layer = 0; layer < layers; layer++) {
    const tasks: DagTask[] = [];
    for (let index = 0; index < width; index++) {
      const dependsOn = new Set<string>();
      if (layer > 0) {
        const fanIn = 1 + Math.floor(random() * 3);
        for (let count = 0; count < fanIn; count++) dependsOn.add(pick(byLayer[layer - 1]!).id);
        if (layer > 1 && random() < 1 / 3) dependsOn.add(pick(byLayer[Math.floor(random() * (layer - 1))]!).id);
      }
      tasks.push({ id: `L${layer}-${index}`, durationMs: Math.round(minMs + random() * (maxMs - minMs)), dependsOn: [...dependsOn] });
    }
    byLayer.push(tasks);
  }
  return byLayer.flat();
}

/** The longest sum of durations along any chain of dependencies: no schedule can end sooner. */
export function criticalPathMs(tasks: readonly DagTask[]): number {
  const finish = new Map<string, number>();
  // Tasks come in layer order: every dependency is before its dependents.
  for (const task of tasks) finish.set(task.id, task.durationMs + Math.max(0, ...task.dependsOn.map((id) => finish.get(id)!)));
  return Math.max(...finish.values());
}

/** The shell command a task runs: sleep for its duration (`true` for none). */
export function commandOf(task: DagTask): string {
  return task.durationMs === 0 ? 'true' : `sleep ${(task.durationMs / 1000).toFixed(3)}`;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
