import { z } from 'zod';
import type { QuickTool } from '../mcp-tool.ts';

/** `swarm_status`: one run's progress or result, or what this Swarm is doing. */
export const swarmStatusTool: QuickTool = {
  name: 'swarm_status',
  title: 'Swarm status',
  description:
    'With `runId`: that run\'s status, progress (rows done and failed of the total) and, once ended, its result. Without: the runs under way, calls in flight, each rate limiter and today\'s spend.',
  inputSchema: { runId: z.string().optional().describe('A run id (from swarm_run or swarm_parallel, or a task id).') },
  async call(args, { runs, status }) {
    const { runId } = args as { runId?: string };
    return runId === undefined ? (status() as Record<string, unknown>) : { ...runs.get(runId) };
  },
};
