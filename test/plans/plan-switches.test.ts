// What `swarm plan run` and `runPlan` agree on (the same hooks by default: one resumes the other),
// model routing as a switch, and the calls a plan makes beside its tasks (critics) governed by the
// budget caps and recorded as attempts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { loadPlanFile, openSwarm } from '../../src/index.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { runCli } from '../support/run-cli.ts';

function workspace(files: Record<string, string>): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-plan-switches-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), content);
  }
  return cwd;
}

function query<T>(cwd: string, sql: string, ...params: string[]): T[] {
  const database = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
  try {
    return database.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

const invitation = 'To share a finding with the tasks that start after this one, put it on a line of its own starting with BROADCAST:';
const promptOf = (cwd: string, tableId: string, task: string) => JSON.parse(query<{ data: string }>(cwd, 'SELECT data FROM rows WHERE table_id = ? AND id = ?', tableId, task)[0]!.data).description as string;

describe('the CLI and runPlan agree', () => {
  it('a plan run by swarm plan run, then by runPlan, resumes: its completed task is not run again, and both make the same prompts', async () => {
    const cwd = workspace({
      'plan.yaml': `tasks:
  - id: draft
    description: Write a draft
    model: mock
  - id: news
    description: broadcasts a finding
    command: "echo 'BROADCAST: bees are back'"
  - id: gate
    description: opens once the file is there
    command: test -f open && echo open
  - id: final
    description: "Finish {tasks.draft}"
    model: mock
    dependsOn: [draft, gate]
`,
    });
    const cli = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(cli.code).toBe(1);
    const first = JSON.parse(cli.stdout);
    expect(first.tasks).toMatchObject({ draft: { status: 'completed' }, news: { status: 'completed' }, gate: { status: 'failed' }, final: { status: 'skipped' } });
    const draftPrompt = promptOf(cwd, first.tableId, 'draft');
    expect(draftPrompt).toBe(`Write a draft\n\n${invitation}`);
    const draftCalls = () => query<{ calls: number }>(cwd, `SELECT count(*) AS calls FROM attempts a JOIN plan_tasks t ON t.pass_id = a.pass_id WHERE t.task_id = 'draft'`)[0]!.calls;
    expect(draftCalls()).toBe(1);

    writeFileSync(path.join(cwd, 'open'), '');
    const swarm = openSwarm({ dir: path.join(cwd, '.swarm'), cwd, config: { aliases: {}, providers: {}, prices: {} }, env: {} });
    try {
      const library = await swarm.runPlan(loadPlanFile('plan.yaml', { cwd }));
      expect(library.id).toBe(first.id);
      expect(library).toMatchObject({ completed: 4, failed: 0 });
      expect(library.tasks.draft).toEqual(first.tasks.draft);
      expect((await swarm.planRun(library.id)).tasks.find((task) => task.id === 'draft')!.runs).toBe(1);
    } finally {
      swarm.close();
    }
    expect(draftCalls()).toBe(1);
    // The library's prompt for a free-text task ends with the bus's invitation, as the CLI's does, and
    // is offered what the CLI's run broadcast before it stopped, as an unbroken run's would be.
    const finalPrompt = promptOf(cwd, first.tableId, 'final');
    expect(finalPrompt).toContain('Shared discoveries from other tasks of this run:\n- (news) bees are back');
    expect(finalPrompt.endsWith(`\n\n${invitation}`)).toBe(true);
  }, 60_000);
});

describe('model routing', () => {
  const plan = `tasks:
  - id: list
    description: List three colors
  - id: judge
    description: "Analyze and compare these: {tasks.list}"
    dependsOn: [list]
`;

  it('swarm plan run --route sends simple tasks to fast and complex ones to quality, and swarm plan show says so; runPlan with route resumes that run', async () => {
    const cwd = workspace({ 'swarm.config.yaml': 'aliases:\n  fast: mock:fast\n  quality: mock:quality\n', 'plan.yaml': plan });
    const routed = await runCli(['plan', 'run', 'plan.yaml', '--route', '--json', '--model', 'mock'], { cwd });
    expect(routed.code, routed.stderr).toBe(0);
    const run = JSON.parse(routed.stdout);
    const models = query<{ task_id: string; model: string }>(cwd, 'SELECT t.task_id, p.model FROM plan_tasks t JOIN passes p ON p.id = t.pass_id WHERE t.run_id = ? ORDER BY t.position', run.id);
    expect(models).toEqual([
      { task_id: 'list', model: 'mock:fast' },
      { task_id: 'judge', model: 'mock:quality' },
    ]);
    const shown = await runCli(['plan', 'show', run.id], { cwd });
    expect(shown.stdout).toContain('Model routing: simple tasks to mock:fast, complex ones to mock:quality');
    expect(shown.stdout).toMatch(/completed {2}list +model .* mock:fast \(fast\)\n/);
    expect(shown.stdout).toContain('mock:quality (quality: says "analyze", "compare")');

    // A fork from the complex task re-runs it routed as the run was.
    const fork = await runCli(['replay', run.id, '--from', 'judge', '--json'], { cwd });
    expect(fork.code, fork.stderr).toBe(0);
    const forked = JSON.parse(fork.stdout);
    expect(query<{ model: string }>(cwd, `SELECT p.model FROM plan_tasks t JOIN passes p ON p.id = t.pass_id WHERE t.run_id = ? AND t.task_id = 'judge'`, forked.id)).toEqual([{ model: 'mock:quality' }]);

    // Not routed, the same plan is another run (its tasks call another model).
    const plain = await runCli(['plan', 'run', 'plan.yaml', '--json', '--model', 'mock'], { cwd });
    expect(JSON.parse(plain.stdout).id).not.toBe(run.id);

    const swarm = openSwarm({ dir: path.join(cwd, '.swarm'), cwd, config: { aliases: { fast: 'mock:fast', quality: 'mock:quality' }, providers: {}, prices: {} }, env: {} });
    try {
      const again = await swarm.runPlan(loadPlanFile('plan.yaml', { cwd }), { model: 'mock', route: true });
      expect(again.id).toBe(run.id);
      expect((await swarm.planRun(again.id)).tasks.map((task) => task.runs)).toEqual([1, 1]);
    } finally {
      swarm.close();
    }
  }, 60_000);

  it('refuses --route before anything runs when the fast or quality model is unknown', async () => {
    const cwd = workspace({ 'plan.yaml': plan });
    const refused = await runCli(['plan', 'run', 'plan.yaml', '--route'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('routed to fast (fast)');
    expect(refused.stderr).toContain('routed to quality (quality)');
  });
});

describe("a plan's own calls", () => {
  it('critics are recorded as attempts of the run (swarm spend sees them) and stop at the budget caps', async () => {
    const cwd = workspace({
      'swarm.config.yaml': 'budget:\n  maxCalls: 1\n',
      'plan.yaml': `tasks:
  - id: one
    description: Write a line
    model: mock
    critic: true
  - id: two
    description: Write another line
    model: mock
    critic: true
`,
    });
    const ran = await runCli(['plan', 'run', 'plan.yaml', '--json', '--model', 'mock'], { cwd });
    const result = JSON.parse(ran.stdout);
    const ledger = query<{ id: string; instruction: string; calls: number }>(
      cwd,
      'SELECT p.id, p.instruction, (SELECT count(*) FROM attempts a WHERE a.pass_id = p.id) AS calls FROM passes p WHERE p.table_id = ? AND p.instruction LIKE ?',
      result.id,
      'critics of %',
    );
    expect(ledger).toEqual([{ id: expect.any(String), instruction: `critics of plan run ${result.id}`, calls: 1 }]);
    // One critic call fits maxCalls 1; the other task's critic is refused, failing its task with the cap.
    const failed = Object.values(result.tasks as Record<string, { status: string; error?: string }>).filter((task) => task.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/^maxCalls 1 reached/);
    expect(ran.code).toBe(1);
    const spend = await runCli(['spend', '--by', 'pass', '--json'], { cwd });
    expect(JSON.parse(spend.stdout)).toContainEqual(expect.objectContaining({ key: ledger[0]!.id, tableId: result.id, calls: 1 }));
  }, 60_000);

  it('a critic that cannot be reached is refused before any task runs', async () => {
    const temp = tempSwarm();
    const error = await temp.swarm.runPlan({ tasks: [{ id: 'one', description: 'Write a line', model: 'mock', critic: true }] }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^task one asks for a critic; its model: no model chosen/);
    expect(temp.query('SELECT id FROM plan_runs')).toEqual([]);
  });
});
