import { broadcastLines } from './broadcast-lines.ts';

/** A finding one task of a run broadcast. */
export interface Broadcast {
  taskId: string;
  text: string;
}

/** The message bus of one plan run: what tasks broadcast, offered to the tasks that start after. */
export interface PlanBus {
  /** Publishes the `BROADCAST:` lines of a task's result (replacing what an earlier run of the task published); returns them. */
  publish(taskId: string, result: unknown): Broadcast[];
  /** Every finding published so far, each text once, in a fixed order: by task (plan order), then line. */
  broadcasts(): Broadcast[];
}

/**
 * A message bus for one plan run. The order of `broadcasts()` depends only on what was published,
 * not on when: tasks in `taskOrder` (the plan's order) first, others by id; a text broadcast by two
 * tasks is kept at its first place.
 */
export function createPlanBus({ taskOrder = [] }: { taskOrder?: readonly string[] } = {}): PlanBus {
  const positions = new Map(taskOrder.map((id, index) => [id, index]));
  const published = new Map<string, string[]>();
  const compare = (left: string, right: string) => {
    const leftPosition = positions.get(left) ?? Number.POSITIVE_INFINITY;
    const rightPosition = positions.get(right) ?? Number.POSITIVE_INFINITY;
    if (leftPosition !== rightPosition) return leftPosition - rightPosition;
    return left < right ? -1 : left > right ? 1 : 0;
  };
  return {
    publish(taskId, result) {
      const lines = broadcastLines(result);
      if (lines.length === 0) published.delete(taskId);
      else published.set(taskId, lines);
      return lines.map((text) => ({ taskId, text }));
    },
    broadcasts() {
      const seen = new Set<string>();
      const all: Broadcast[] = [];
      for (const taskId of [...published.keys()].sort(compare)) {
        for (const text of published.get(taskId)!) {
          if (seen.has(text)) continue;
          seen.add(text);
          all.push({ taskId, text });
        }
      }
      return all;
    },
  };
}
