import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonResult, numberedSeeds, readRecords, removeTaskWorkspaces, runSwarm, taskWorkspace, type CliOutcome } from './support/task-workspace.ts';

const translate = 'task_type: translation\nprompt_template: "Translate into French: {{seed}}"\nworker_model: mock\nseeds_file: docs.jsonl\n';
const summarize = 'task_type: summarization\nprompt_template: "Summarize: {{seed}}"\nworker_model: mock\nseeds_file: docs.jsonl\n';

interface RunJson {
  output: string;
  completed: number;
  skipped: number;
  failed: number;
  usage: { calls: number };
}

afterAll(removeTaskWorkspaces);

function succeeded(outcome: CliOutcome): RunJson {
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return jsonResult<RunJson>(outcome);
}

/** Each record's `output`, by id. */
function outputsOf(file: string): Record<string, unknown> {
  return Object.fromEntries(readRecords(file).map((record) => [record.id, record.output]));
}

describe('task files that change, or share a seeds file', () => {
  it('a task run again after its prompt_template changed answers every seed with the new prompt', async () => {
    const cwd = taskWorkspace({ 'translate.yaml': translate, 'docs.jsonl': numberedSeeds(3) });
    const args = ['run', 'translate.yaml', '--json', '--quiet'];
    const first = succeeded(await runSwarm(args, { cwd }));
    const before = outputsOf(first.output);

    // The pilot-review loop: look at the answers, improve the prompt, run again.
    writeFileSync(path.join(cwd, 'translate.yaml'), translate.replace('into French', 'into plain, natural French'));
    const edited = succeeded(await runSwarm(args, { cwd }));
    expect(edited).toMatchObject({ completed: 3, failed: 0 });
    expect(edited.usage.calls).toBe(3);
    const after = outputsOf(edited.output);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const id of Object.keys(after)) expect(after[id]).not.toBe(before[id]);
  });

  it('two task files over one seeds file each run, and each output file holds only its own answers', async () => {
    const cwd = taskWorkspace({ 'translate.yaml': translate, 'summarize.yaml': summarize, 'docs.jsonl': numberedSeeds(3) });
    const translated = succeeded(await runSwarm(['run', 'translate.yaml', '--json', '--quiet'], { cwd }));
    const translation = readFileSync(translated.output, 'utf8');

    const summarized = succeeded(await runSwarm(['run', 'summarize.yaml', '--json', '--quiet'], { cwd }));
    expect(summarized).toMatchObject({ completed: 3, failed: 0 });
    const summaries = outputsOf(summarized.output);
    const translations = outputsOf(translated.output);
    for (const id of Object.keys(translations)) expect(summaries[id]).not.toBe(translations[id]);

    const again = succeeded(await runSwarm(['run', 'translate.yaml', '--json', '--quiet'], { cwd }));
    expect(again).toMatchObject({ completed: 0, skipped: 3 });
    expect(readFileSync(translated.output, 'utf8')).toBe(translation);
  });
});
