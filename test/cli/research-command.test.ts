import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { researchCommand, type PlanRunner } from '../../src/cli/commands/research-command.ts';
import type { PlanResult } from '../../src/plan/plan.ts';
import { runCli } from '../support/run-cli.ts';

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-research-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

/** The command in process, with its output collected and the plan runner given. */
async function research(args: string[], runPlan: PlanRunner): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const cwd = workspace();
  const writer = { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WriteStream;
  const io: CliIo = { stdout: writer, stderr: writer, cwd, env: {} };
  let code = -1;
  // The store is .swarm/ in the temporary cwd (no --dir, no SWARM_DIR).
  await researchCommand(io, (exitCode) => (code = exitCode), { runPlan }).exitOverride().parseAsync(args, { from: 'user' });
  return { code, stdout };
}

describe('swarm research', () => {
  it('--dry-run prints the plan and its projected calls and cost, calling nothing', async () => {
    const cwd = workspace();
    const text = await runCli(['research', 'OpenAI', 'Anthropic', '--topic', 'AI safety', '--model', 'mock', '--dry-run'], { cwd });
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Plan research-ai-safety \(research\): 7 tasks\n/);
    expect(text.stdout).toMatch(/search-openai\s+agent web-reader\s+-\s+2\s/);
    expect(text.stdout).toMatch(/synthesize\s+model\s+analyze-openai, analyze-anthropic\s+1\s/);
    expect(text.stdout).toMatch(/Projected: 11 calls, .* \$0\.0000;/);
    const json = await runCli(['research', 'OpenAI', '--topic', 'AI safety', '--model', 'mock', '--dry-run', '--json', '--sources', '2'], { cwd });
    const { plan, projection } = JSON.parse(json.stdout);
    expect(plan.tasks.map((task: { id: string }) => task.id)).toEqual(['search-openai', 'fetch-openai', 'analyze-openai', 'synthesize']);
    expect(plan.tasks[0].schema.properties.sources.maxItems).toBe(2);
    expect(projection).toMatchObject({ tasks: 4, calls: 6, cost: 0 });
  });

  it('refuses what it cannot plan before anything runs (exit 2)', async () => {
    const cwd = workspace();
    const noTopic = await runCli(['research', 'OpenAI', '--model', 'mock'], { cwd });
    expect(noTopic.code).toBe(2);
    expect(noTopic.stderr).toContain("required option '--topic <text>' not specified");
    const noSearch = await runCli(['research', 'OpenAI', '--topic', 'x', '--model', 'mock', '--search', 'provider'], { cwd });
    expect(noSearch.code).toBe(2);
    expect(noSearch.stderr).toContain('mock:default has no web search of its own');
  });

  it('runs the plan with the plan runner and prints the report with its numbered sources', async () => {
    const runs: { model: string; tasks: string[] }[] = [];
    const result: PlanResult = {
      id: 'run-1',
      tableId: 'run-1',
      pending: 0,
      completed: 4,
      failed: 0,
      skipped: 0,
      tasks: {
        'search-openai': { status: 'completed', result: { sources: [] } },
        'fetch-openai': { status: 'completed', result: { findings: [] } },
        'analyze-openai': { status: 'completed', result: { summary: 's', points: [] } },
        synthesize: {
          status: 'completed',
          result: { report: 'OpenAI publishes a preparedness framework [1].', sources: [{ number: 1, url: 'https://openai.com/safety', title: 'Safety' }] },
        },
      },
    };
    const done = await research(['OpenAI', '--topic', 'AI safety', '--model', 'mock'], async (_swarm, plan, { model }) => {
      runs.push({ model, tasks: plan.tasks.map((task) => task.id) });
      return result;
    });
    expect(runs).toEqual([{ model: 'mock:default', tasks: ['search-openai', 'fetch-openai', 'analyze-openai', 'synthesize'] }]);
    expect(done).toEqual({ code: 0, stdout: 'OpenAI publishes a preparedness framework [1].\n\nSources:\n[1] Safety https://openai.com/safety\n' });

    const failed = await research(['OpenAI', '--topic', 'AI safety', '--model', 'mock'], async () => ({
      ...result,
      completed: 1,
      failed: 1,
      skipped: 2,
      tasks: {
        'search-openai': { status: 'completed', result: { sources: [] } },
        'fetch-openai': { status: 'failed', error: 'no page could be fetched' },
        'analyze-openai': { status: 'skipped' },
        synthesize: { status: 'skipped' },
      },
    }));
    expect(failed).toEqual({ code: 1, stdout: 'fetch-openai: failed (no page could be fetched)\nanalyze-openai: skipped\nsynthesize: skipped\n' });
  });
});
