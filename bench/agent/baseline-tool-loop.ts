/**
 * Child process: the baseline of the agent benchmark. The bare AI SDK tool loop a user would
 * write: a promise pool of `concurrency` workers, each row one `generateText` with the same
 * `read_file` tool (Swarm's own, confined to the folder) and the same zero-latency mock model
 * asked for the same JSON, the answer parsed; no limiter, no budget, nothing stored.
 */
import { readFileSync } from 'node:fs';
import { generateText, jsonSchema, Output, stepCountIs } from 'ai';
import { createMockModel } from 'swarm';
import { createBuiltInTools } from '../../src/tools/index.ts';
import { childArguments, sendReport } from '../support/child-report.ts';
import { startEventLoopDelayMonitor } from '../support/event-loop-delay.ts';
import { startMemorySampler } from '../support/memory-sampler.ts';
import { agentInstruction, agentSchema, toolSteps, type AgentChildArguments } from './agent-task.ts';

const { folder, rows, concurrency } = childArguments<AgentChildArguments>();
const sampler = startMemorySampler();
const model = createMockModel({ latencyMs: 0 });
const tools = createBuiltInTools(['read_file'], { root: folder });
const tasks = readFileSync(`${folder}/rows.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string });
const stallMonitor = await startEventLoopDelayMonitor();
const passStart = performance.now();
let next = 0;
let calls = 0;
const answers: unknown[] = [];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const result = await generateText({
        model,
        tools,
        stopWhen: stepCountIs(toolSteps + 2),
        output: Output.object({ schema: jsonSchema(agentSchema) }),
        prompt: `${agentInstruction.replace('{text}', 'the text below')}\n\n<row id="${task.id}">\n<text>${task.text}</text>\n</row>\n`,
      });
      calls += result.steps.length;
      answers.push(result.output);
    }
  }),
);
const passEnd = performance.now();
const longestStallMs = await stallMonitor.stop();
if (answers.length !== rows || calls !== rows * (toolSteps + 1)) throw new Error(`expected ${rows} answers in ${rows * (toolSteps + 1)} calls; got ${answers.length} in ${calls}`);
sendReport({ rows, createMs: 0, passMs: passEnd - passStart, memory: sampler.stop(), longestStallMs });
