import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type LimitShape, type LogNormalMs, type RequestLogEntry } from '../../src/simulator/index.ts';
import { classificationTask } from '../pass/classification-task.ts';
import { runChild } from '../support/run-child.ts';
import { measurePacing, type PacingMeasures } from './measure-pacing.ts';
import { reviewTasks } from './review-tasks.ts';
import type { Side } from './run-side.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';

const swarmBin = fileURLToPath(new URL('../../bin/swarm.ts', import.meta.url));
const baselineScripts: Record<Exclude<Side, 'swarm' | 'all-at-once'>, string> = {
  deepswarm: fileURLToPath(new URL('./deepswarm-pool.ts', import.meta.url)),
  cookbook: fileURLToPath(new URL('./cookbook-loop.ts', import.meta.url)),
};
const apiKey = 'sk-bench-shared-key-7e6d5c4b3a29';
const modelId = 'gpt-4o-mini';

/** Two processes of one client on one key: the same limit, nothing else shared but (for Swarm) the store. */
export interface SharedKeyCase {
  requestsPerMinute: number;
  shape: LimitShape;
  rowsPerProcess: number;
  latency: LogNormalMs;
  /** Each process is stopped this long after it starts. */
  durationMs: number;
}

/** What the provider saw of both processes, and what each reported. */
export interface SharedKeyRun {
  reports: SideReport[];
  log: RequestLogEntry[];
  measures: PacingMeasures;
}

/**
 * Runs two processes of `side` at once against one simulator (OpenAI dialect, limit headers on)
 * on one API key. Swarm's are two `swarm run` CLI processes, each over its own JSONL file of
 * different rows, sharing one store folder, as two terminals on one machine would; the
 * baselines' are two copies of their script.
 */
export async function runSharedKeyCase(
  side: Exclude<Side, 'all-at-once'>,
  sharedKeyCase: SharedKeyCase,
  { workDir, label }: { workDir: string; label: string },
): Promise<SharedKeyRun> {
  const { requestsPerMinute, shape, rowsPerProcess, latency, durationMs } = sharedKeyCase;
  const simulator = await startSimulator({ limits: { requestsPerMinute }, limitShape: shape, latency: { firstTokenMs: latency } });
  const folder = path.join(workDir, label);
  await mkdir(folder, { recursive: true });
  try {
    const processes = [0, 1].map((index) =>
      side === 'swarm'
        ? runSwarmCli(folder, index, sharedKeyCase, simulator.baseUrls.openai)
        : runChild<SideReport>(
            baselineScripts[side],
            {
              provider: 'openai',
              baseUrl: simulator.baseUrls.openai,
              apiKey,
              modelId,
              rows: rowsPerProcess,
              durationMs,
              staggerMs: (latency.median / 16) * 2,
            } satisfies SideArguments,
            { cwd: folder, label: `${label}-${index}` },
          ),
    );
    const reports = await Promise.all(processes);
    const log = simulator.stats().perKeyModel.find((entry) => entry.apiKey === apiKey)?.log ?? [];
    return { reports, log, measures: measurePacing(log, { requestsPerMinute, shape, rows: 2 * rowsPerProcess }) };
  } finally {
    await simulator.close();
  }
}

/** One `swarm run` process over rows of its own (numbered from index × rows), in the shared store; its `--json` result. */
async function runSwarmCli(folder: string, index: number, { rowsPerProcess, durationMs }: SharedKeyCase, baseUrl: string): Promise<SideReport> {
  const tasksFile = path.join(folder, `rows-${index}.jsonl`);
  const schemaFile = path.join(folder, 'schema.json');
  await writeFile(tasksFile, reviewTasks(rowsPerProcess, { first: index * rowsPerProcess }).map((row) => JSON.stringify(row)).join('\n') + '\n');
  await writeFile(schemaFile, JSON.stringify(classificationTask.responseSchema));
  const args = [swarmBin, '--dir', path.join(folder, 'store'), 'run', '--tasks', tasksFile, '-i', classificationTask.instruction, '-s', schemaFile];
  args.push('-m', `openai:${modelId}`, '--batch-size', '1', '--json', '--quiet');
  const child = spawn(process.execPath, args, {
    cwd: folder,
    env: { ...process.env, OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseUrl, SWARM_MODEL: '', SWARM_DIR: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = performance.now();
  // Stopped as a user would stop it: Ctrl-C, after which it prints what it did.
  const deadline = setTimeout(() => child.kill('SIGINT'), durationMs);
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (stdout += chunk));
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  clearTimeout(deadline);
  const runMs = performance.now() - started;
  const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
  let result: { completed: number; failed: number; stopped?: { reason: string; message: string } };
  try {
    result = JSON.parse(lastLine) as typeof result;
  } catch {
    throw new Error(`swarm run (process ${index}) printed no result; its stdout ended with ${JSON.stringify(lastLine.slice(-200))}`);
  }
  const stopped = result.stopped === undefined ? undefined : `${result.stopped.reason}: ${result.stopped.message}`;
  return { completed: result.completed, failed: result.failed, stopped, runMs };
}
