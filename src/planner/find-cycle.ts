/**
 * A cycle among tasks by their dependencies, as the ids along it with the first repeated at the end
 * (`['x', 'y', 'z', 'x']`: x depends on y, y on z, z on x); undefined when there is none. Unknown
 * dependencies are ignored. Deterministic: tasks are visited in the order given.
 */
export function findCycle(tasks: readonly { id: string; dependsOn?: readonly string[] }[]): string[] | undefined {
  const dependencies = new Map<string, readonly string[]>();
  // A repeated id is a problem of its own; its first task's dependencies stand for it here.
  for (const task of tasks) if (!dependencies.has(task.id)) dependencies.set(task.id, task.dependsOn ?? []);
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dependency of dependencies.get(id) ?? []) {
      if (!dependencies.has(dependency)) continue;
      const cycle = visit(dependency);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const { id } of tasks) {
    const cycle = visit(id);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}
