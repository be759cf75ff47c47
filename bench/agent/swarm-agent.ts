/**
 * Child process: the Swarm side of the agent benchmark, as a user would write it. One pass with a
 * subagent type whose only tool is `read_file`, on the zero-latency mock model: each row's loop
 * reads three notes, a step each, then answers; every step through the limiter, the budget and
 * the store (attempts, transcript), every answer validated. `passMs` is until `run()` resolves.
 */
import path from 'node:path';
import { openSwarm } from 'swarm';
import { childArguments, sendReport } from '../support/child-report.ts';
import { startEventLoopDelayMonitor } from '../support/event-loop-delay.ts';
import { startMemorySampler } from '../support/memory-sampler.ts';
import { agentInstruction, agentSchema, toolSteps, type AgentChildArguments } from './agent-task.ts';

const { folder, rows, concurrency } = childArguments<AgentChildArguments>();
const sampler = startMemorySampler();
const swarm = openSwarm({
  cwd: folder,
  dir: path.join(folder, 'store'),
  env: {},
  config: { agents: { reader: { tools: ['read_file'], maxSteps: toolSteps + 2 } } },
});
const createStart = performance.now();
const table = await swarm.create({ file: 'rows.jsonl' });
const stallMonitor = await startEventLoopDelayMonitor();
const passStart = performance.now();
const result = await swarm.run(table.id, { subagentType: 'reader', instruction: agentInstruction, responseSchema: agentSchema, model: 'mock', concurrency });
const passEnd = performance.now();
const longestStallMs = await stallMonitor.stop();
swarm.close();
if (result.completed !== rows || result.failed !== 0 || result.usage.calls !== rows * (toolSteps + 1)) {
  throw new Error(`expected ${rows} rows in ${rows * (toolSteps + 1)} calls; completed ${result.completed}, failed ${result.failed}, calls ${result.usage.calls}`);
}
sendReport({ rows, createMs: passStart - createStart, passMs: passEnd - passStart, memory: sampler.stop(), longestStallMs });
