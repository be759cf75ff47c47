import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { SeedFileError } from './seed-file-error.ts';
import { askOrchestrator, orchestratorModel } from './ask-orchestrator.ts';
import { readSource } from '../table/sources/read-source.ts';
import { seedTextOf } from './seed-text-of.ts';
import type { TaskDefinition } from './task-definition.ts';

/** What `generateSeeds` did. */
export interface SeedReport {
  file: string;
  /** Seeds in the file before, and added now. */
  existing: number;
  added: number;
  /** Generated seeds dropped as duplicates of earlier ones. */
  duplicates: number;
  calls: number;
}

const perCall = 25;
const shownExisting = 40;

/**
 * Has the orchestrator model write diverse seeds for a task into its seeds file (JSONL, one
 * `{ id, seed }` per line), until the file holds `count`. Seeds are deduplicated (case and
 * spacing ignored) against each other and against what the file already holds; each call is
 * shown recent seeds to steer away from them. Appends whole lines, so a crash loses nothing written.
 */
export async function generateSeeds(
  task: TaskDefinition,
  { count = task.seedCount, config, env = process.env, abortSignal }: { count?: number; config: SwarmConfig; env?: Record<string, string | undefined>; abortSignal?: AbortSignal },
): Promise<SeedReport> {
  const model = orchestratorModel(task, config, env);
  const seen = new Set<string>();
  const recent: string[] = [];
  const usedIds = new Set<string>();
  let existing = 0;
  if (existsSync(task.seedsFile)) {
    for await (const record of readSource({ file: task.seedsFile })) {
      const text = seedTextOf(record.data);
      usedIds.add(record.id);
      seen.add(normalize(text));
      recent.push(text);
      existing++;
    }
  } else {
    mkdirSync(path.dirname(task.seedsFile), { recursive: true });
  }
  if (path.extname(task.seedsFile).toLowerCase() === '.csv' && existing < count) {
    throw new SeedFileError(`swarm seed writes JSONL; ${task.seedsFile} is CSV. Point seeds_file at a .jsonl file`, { file: task.seedsFile });
  }
  const schema = {
    type: 'object',
    properties: { seeds: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    required: ['seeds'],
  };
  const report: SeedReport = { file: task.seedsFile, existing, added: 0, duplicates: 0, calls: 0 };
  const topic = task.seedInstruction ?? `inputs for this prompt template, where {{seed}} is replaced by the seed:\n${task.promptTemplate}`;
  // New ids continue after the highest `seed-N` in the file, skipping any id already used.
  let nextNumber = 1 + Math.max(0, ...[...usedIds].map((id) => Number(/^seed-(\d+)$/.exec(id)?.[1] ?? 0)));
  const nextId = () => {
    let id: string;
    do id = `seed-${String(nextNumber++).padStart(6, '0')}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  let fruitless = 0;
  while (existing + report.added < count && fruitless < 5) {
    abortSignal?.throwIfAborted();
    const wanted = Math.min(perCall, count - existing - report.added);
    const avoid = recent.slice(-shownExisting).map((seed) => `- ${seed.slice(0, 200)}`).join('\n');
    const answer = await askOrchestrator(model, {
      system: 'You write seeds for a synthetic data job: short, concrete, varied inputs, each different in topic, style and difficulty.',
      user:
        `Write ${wanted} new seeds (call ${report.calls + 1}): ${topic}\n` +
        (avoid === '' ? '' : `\nAlready written; do not repeat or paraphrase these:\n${avoid}\n`) +
        '\nAnswer as JSON: {"seeds": ["...", ...]}.',
      schema,
      abortSignal,
    });
    report.calls++;
    const seeds = (answer as { seeds?: unknown } | undefined)?.seeds;
    let lines = '';
    let fresh = 0;
    for (const seed of Array.isArray(seeds) ? seeds : []) {
      if (typeof seed !== 'string' || seed.trim() === '') continue;
      const key = normalize(seed);
      if (seen.has(key)) {
        report.duplicates++;
        continue;
      }
      if (existing + report.added >= count) break;
      seen.add(key);
      recent.push(seed);
      report.added++;
      fresh++;
      lines += `${JSON.stringify({ id: nextId(), seed: seed.trim() })}\n`;
    }
    if (lines !== '') appendFileSync(task.seedsFile, lines);
    fruitless = fresh === 0 ? fruitless + 1 : 0;
  }
  return report;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
