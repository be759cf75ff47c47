import { readFileSync } from 'node:fs';
import path from 'node:path';
import { yamlLibrary } from '../config/yaml-library.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { checkJson } from './check-json.ts';
import { checkPlan } from './check-plan.ts';
import type { Plan } from './plan.ts';
import type { TaskCheck } from './plan-problems.ts';
import { yamlPathLine } from './yaml-path-line.ts';

/**
 * Reads a plan from a YAML or JSON file (relative to `cwd`) and checks it before anything runs (see
 * `planProblems`; `checkTask` adds the checks that need the engine: agent types, models, schemas).
 * Every problem is an InvalidInputError naming the file and the line.
 */
export function loadPlanFile(file: string, { cwd = process.cwd(), checkTask }: { cwd?: string; checkTask?: TaskCheck } = {}): Plan {
  const planPath = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(planPath, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read the plan file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: planPath });
  }
  // YAML would take JSON's mistakes (a trailing comma): a .json file is JSON.
  if (/\.json$/i.test(planPath)) checkJson(text, planPath);
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  // JSON is YAML: one parser for both, with lines for either.
  const document = parseDocument(text, { lineCounter });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    // Only the first line: later lines quote the file.
    const summary = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '');
    throw new InvalidInputError(`invalid ${/\.json$/i.test(planPath) ? 'JSON' : 'YAML'}: ${summary}`, { file: planPath, line: yamlError.linePos?.[0].line });
  }
  return checkPlan(document.toJS() ?? {}, { checkTask, file: planPath, lineOf: (keyPath) => yamlPathLine(document, lineCounter, keyPath) });
}
