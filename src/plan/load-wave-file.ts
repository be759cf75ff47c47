import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configIssueMessage } from '../config/config-issue-message.ts';
import { yamlLibrary } from '../config/yaml-library.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { checkPlan } from './check-plan.ts';
import { checkJson } from './check-json.ts';
import type { Plan } from './plan.ts';
import { planFromWave, type WaveWork } from './plan-from-wave.ts';
import type { TaskCheck } from './plan-problems.ts';
import { waveSchema } from './wave-schema.ts';
import { yamlPathLine } from './yaml-path-line.ts';

/**
 * Reads agentops' wave JSON (`swarm plan run --from-wave wave.json --agent NAME | --command LINE`)
 * and makes its plan (see `planFromWave`), checked like a plan file. Problems name the file and line.
 */
export function loadWaveFile(file: string, work: WaveWork, { cwd = process.cwd(), checkTask }: { cwd?: string; checkTask?: TaskCheck } = {}): Plan {
  const wavePath = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(wavePath, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read the wave file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: wavePath });
  }
  checkJson(text, wavePath);
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new InvalidInputError(`invalid JSON: ${yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '')}`, { file: wavePath, line: yamlError.linePos?.[0].line });
  }
  const parsed = waveSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new InvalidInputError(`invalid wave: ${configIssueMessage(issue, waveSchema)}`, { file: wavePath, line: yamlPathLine(document, lineCounter, keyPath) });
  }
  const wave = parsed.data;
  const plan = planFromWave(wave, work, { name: path.basename(wavePath).replace(/\.[^.]*$/, '') });
  // A task's place in the plan is its entry's place in the file: lines follow the entry.
  const entryPath = (taskIndex: number): (string | number)[] => {
    const id = plan.tasks[taskIndex]?.id;
    const waveIndex = wave.wave.findIndex((entry) => entry.id === id);
    return waveIndex >= 0 ? ['wave', waveIndex] : ['blocked', (wave.blocked ?? []).findIndex((entry) => entry.id === id)];
  };
  return checkPlan(plan, {
    checkTask,
    file: wavePath,
    lineOf: (keyPath) => {
      if (keyPath[0] !== 'tasks' || typeof keyPath[1] !== 'number') return undefined;
      const key = keyPath[2] === 'dependsOn' ? ['blocked_by'] : [];
      return yamlPathLine(document, lineCounter, [...entryPath(keyPath[1]), ...key]);
    },
  });
}
