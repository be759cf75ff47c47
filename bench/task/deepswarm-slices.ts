/**
 * Child process: DeepSwarm's recipe for the same task file, the baseline of the generation-makespan
 * benchmark. It reads the task's prompt template and seeds, times one calibration call (the first
 * seed's prompt; its answer is not kept), and from that duration alone fixes the workers, their
 * stagger and a slice of consecutive seeds per worker (see `deepSwarmPlan`). Worker i starts
 * i × stagger after the first and calls the real `@ai-sdk/openai` chat model's `doGenerate` for
 * each seed of its slice in turn, appending one JSONL line per answer to its own file; after an
 * error it sleeps 1 s and tries the same seed again. The makespan runs from reading the task file
 * until the last worker has closed its file.
 */
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import { childArguments, sendReport } from '../support/child-report.ts';
import { deepSwarmPlan } from './deepswarm-plan.ts';
import type { MakespanSideArguments, MakespanSideReport } from './makespan-side.ts';

const sleepAfterErrorMs = 1000;

const { baseUrl, apiKey, modelId, taskFile, sideDir, requestsPerMinute } = childArguments<MakespanSideArguments>();
const model = createOpenAI({ apiKey, baseURL: baseUrl }).chat(modelId);

const started = performance.now();
const task = parse(await readFile(taskFile, 'utf8')) as { prompt_template: string; seeds_file: string };
const seedsText = await readFile(path.resolve(path.dirname(taskFile), task.seeds_file), 'utf8');
const seeds = seedsText
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as { id: string; seed: string });
const promptOf = (seed: { seed: string }) => task.prompt_template.replaceAll('{{seed}}', seed.seed);

const calibrationStarted = performance.now();
await generate(model, promptOf(seeds[0]!));
const calibrationMs = performance.now() - calibrationStarted;
const plan = deepSwarmPlan({ callMs: calibrationMs, requestsPerMinute, total: seeds.length });

const outputFiles = Array.from({ length: plan.workers }, (_, index) => path.join(sideDir, `worker-${index}.jsonl`));
const workerEndsMs = await Promise.all(
  outputFiles.map(async (file, index) => {
    await sleep(index * plan.staggerMs);
    const out = createWriteStream(file);
    for (const seed of seeds.slice(index * plan.batchSize, (index + 1) * plan.batchSize)) {
      for (;;) {
        try {
          const output = await generate(model, promptOf(seed));
          out.write(`${JSON.stringify({ id: seed.id, seed: seed.seed, output })}\n`);
          break;
        } catch {
          await sleep(sleepAfterErrorMs);
        }
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return performance.now() - started;
  }),
);
const makespanMs = performance.now() - started;
const { user, system } = process.cpuUsage();
sendReport<MakespanSideReport>({
  makespanMs,
  tailMs: makespanMs - Math.min(...workerEndsMs),
  cpuMs: (user + system) / 1000,
  outputFiles,
  plan: { calibrationMs, ...plan, workerEndsMs },
});

/** One single-turn generation: the user prompt alone, free text back, nothing retrying inside the provider. */
async function generate(languageModel: LanguageModelV4, text: string): Promise<string> {
  const result = await languageModel.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text }] }] });
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
