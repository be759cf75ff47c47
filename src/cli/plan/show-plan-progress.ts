import type { EventBus } from '../../events/event-bus.ts';
import type { SwarmEvent } from '../../events/swarm-event.ts';
import type { PlanTaskKind } from '../../plan/plan.ts';
import { plural } from '../../format/plural.ts';
import { formatMilliseconds } from './format-milliseconds.ts';

const errorCharacters = 200;

/**
 * Prints a plan run's progress to `stream`, one plain line per event that matters (the run's
 * start, each task's end, and why one failed or was skipped, tasks adaptive planning added), so that it reads the same on a
 * terminal and in a log. Returns a function that stops it.
 */
export function showPlanProgress(events: EventBus, stream: NodeJS.WritableStream, { quiet = false }: { quiet?: boolean } = {}): () => void {
  if (quiet) return () => undefined;
  const kinds = new Map<string, PlanTaskKind>();
  const write = (line: string) => stream.write(`${line}\n`);
  return events.subscribe((event: SwarmEvent) => {
    switch (event.type) {
      case 'plan-start':
        write(`Plan run ${event.planId}${event.name === undefined ? '' : ` (${event.name})`}: ${plural(event.tasks, 'task')}${event.resumed ? `, resumed with ${event.completed} already completed` : ''}`);
        return;
      case 'task-created':
        kinds.set(event.taskId, event.kind);
        return;
      case 'task-start':
        if (event.run > 1) write(`  running  ${event.taskId} again (run ${event.run})`);
        return;
      case 'task-end': {
        const detail = event.status === 'skipped' ? '' : ` (${kinds.get(event.taskId) ?? 'task'}, ${formatMilliseconds(event.durationMs)})`;
        const why = event.error === undefined ? '' : `: ${truncate(event.error)}`;
        write(`  ${event.status.padEnd(9)} ${event.taskId}${detail}${why}`);
        return;
      }
      case 'plan-adapt':
        if (event.problems !== undefined) write(`  adapted   after ${event.after}: nothing added: ${truncate(event.problems.join('; '))}`);
        else if (event.added.length > 0) write(`  adapted   after ${event.after}: added ${event.added.join(', ')}`);
        return;
      default:
        return;
    }
  });
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= errorCharacters ? line : `${line.slice(0, errorCharacters - 1)}…`;
}
