import { broadcastPrefix } from './broadcast-lines.ts';
import type { PlanBus } from './create-plan-bus.ts';

/**
 * A task's prompt as it starts, with the run's findings so far under "Shared discoveries" (the first
 * `maxBroadcasts`, in the bus's order; not the task's own, when it runs again) and, with `invite`,
 * how to broadcast one. Free-text tasks only: a line added to a JSON answer would break it.
 */
export function promptWithBroadcasts(
  prompt: string,
  bus: PlanBus,
  { taskId, maxBroadcasts = 20, invite = true }: { taskId?: string; maxBroadcasts?: number; invite?: boolean } = {},
): string {
  const offered = bus
    .broadcasts()
    .filter((broadcast) => broadcast.taskId !== taskId)
    .slice(0, maxBroadcasts);
  let text = prompt.trimEnd();
  if (offered.length > 0) text += `\n\nShared discoveries from other tasks of this run:\n${offered.map(({ taskId: from, text: finding }) => `- (${from}) ${finding}`).join('\n')}`;
  if (invite) text += `\n\nTo share a finding with the tasks that start after this one, put it on a line of its own starting with ${broadcastPrefix}`;
  return text;
}
