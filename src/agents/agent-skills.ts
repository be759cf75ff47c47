import type { SwarmContext } from '../context/swarm-context.ts';
import { agentTypes } from './agent-types.ts';

/** The subagent types a planner may give tasks to, each with what it does. */
export function agentSkills(swarm: SwarmContext): Record<string, string> {
  return Object.fromEntries([...agentTypes({ config: swarm.config, cwd: swarm.cwd })].map(([name, type]) => [name, type.description ?? `tools: ${type.tools.join(', ')}`]));
}
