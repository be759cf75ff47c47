/**
 * A dependency cycle among `tasks`, as the ids along it with the first repeated at the end
 * (`['x', 'y', 'z', 'x']`: x depends on y, y on z, z on x); undefined when there is none.
 * Dependencies naming no task are ignored.
 */
export function findCycle(tasks: readonly { id: string; dependsOn?: readonly string[] }[]): string[] | undefined {
  const dependencies = new Map<string, readonly string[]>();
  // A repeated id is a problem of its own; its first task's dependencies stand for it here.
  for (const task of tasks) if (!dependencies.has(task.id)) dependencies.set(task.id, task.dependsOn ?? []);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  // Iterative depth-first search: a long chain of tasks must not overflow the stack.
  for (const start of dependencies.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const dependsOn = dependencies.get(frame.id)!;
      if (frame.next === dependsOn.length) {
        state.set(frame.id, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const next = dependsOn[frame.next++]!;
      if (!dependencies.has(next)) continue;
      const seen = state.get(next);
      if (seen === 'open') return [...path.slice(path.indexOf(next)), next];
      if (seen === 'done') continue;
      state.set(next, 'open');
      path.push(next);
      stack.push({ id: next, next: 0 });
    }
  }
  return undefined;
}
