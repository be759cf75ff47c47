import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../support/counting-openai-server.ts';
import { repositoryRoot, runCli } from '../support/run-cli.ts';

function workspace(files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-plan-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), content);
  }
  return cwd;
}

function query<T>(cwd: string, sql: string): T[] {
  const database = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
  try {
    return database.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

const plan = `name: demo
tasks:
  - id: fetch
    description: Fetch the page
    command: printf 'a page about bees'
  - id: words
    description: Count its words
    command: wc -w
    dependsOn: [fetch]
  - id: summarize
    description: "Summarize: {tasks.fetch}"
    model: mock
    dependsOn: [fetch]
  - id: report
    description: "Report {tasks.summarize} in {tasks.words} words"
    model: mock
    schema: { type: object, properties: { verdict: { type: string, enum: [good, bad] } }, required: [verdict] }
    dependsOn: [summarize, words]
`;

describe('swarm plan run', () => {
  it('runs a plan file, prints the result as JSON, exits 0, and shows the graph', async () => {
    const cwd = workspace({ 'plan.yaml': plan });
    const run = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(run.stderr).toContain('completed summarize (model, ');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ id: expect.stringMatching(/^plan-[0-9a-f]{12}$/), completed: 4, failed: 0, skipped: 0, pending: 0 });
    expect(result.tasks.fetch).toEqual({ status: 'completed', result: 'a page about bees' });
    expect(result.tasks.report.result).toEqual({ verdict: expect.stringMatching(/^(good|bad)$/) });

    const shown = await runCli(['plan', 'show', result.id], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Plan run ${result.id} (demo): finished`);
    expect(shown.stdout).toMatch(/completed {2}fetch +command +\d+ ms/);
    expect(shown.stdout).toMatch(/completed {2} {4}report +model +\d+ ms +mock:default +← summarize, words/);
    const json = JSON.parse((await runCli(['plan', 'show', result.id, '--json'], { cwd })).stdout);
    expect(json.tasks.map((task: { id: string; kind: string; status: string }) => [task.id, task.kind, task.status])).toEqual([
      ['fetch', 'command', 'completed'],
      ['words', 'command', 'completed'],
      ['summarize', 'model', 'completed'],
      ['report', 'model', 'completed'],
    ]);

    // A task's transcript is its row of the run's table (its prompt, after the plan run's hooks: the bus invites a BROADCAST: line).
    const transcript = await runCli(['show', result.tableId, 'summarize', '--json'], { cwd });
    expect(JSON.parse(transcript.stdout).data.description).toMatch(/^Summarize: a page about bees\n\n.*BROADCAST:$/);
  });

  it('exits 1 when a task failed, with the failure and the skipped tasks in the result', async () => {
    const cwd = workspace({ 'plan.yaml': 'tasks:\n  - id: a\n    description: a\n    command: exit 7\n  - id: b\n    description: b\n    command: echo b\n    dependsOn: [a]\n' });
    const run = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).tasks).toEqual({ a: { status: 'failed', error: 'exit code 7' }, b: { status: 'skipped', error: 'upstream task a failed' } });
    expect(run.stderr).toContain('skipped   b: upstream task a failed');
  });

  it('refuses a cycle before anything runs: exit 2, the cycle named with the file and line', async () => {
    const cwd = workspace({
      'plan.yaml': 'tasks:\n  - id: x\n    description: x\n    command: touch ran\n    dependsOn: [z]\n  - id: y\n    description: y\n    command: touch ran\n    dependsOn: [x]\n  - id: z\n    description: z\n    command: touch ran\n    dependsOn: [y]\n  - id: free\n    description: free\n    command: touch ran\n',
    });
    const run = await runCli(['plan', 'run', 'plan.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`swarm: ${path.join(cwd, 'plan.yaml')}:5: invalid plan: dependency cycle: x → z → y → x\n`);
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
    expect(query(cwd, 'SELECT id FROM plan_runs')).toEqual([]);
    expect(query(cwd, 'SELECT id FROM tables')).toEqual([]);

    const json = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error).toMatchObject({ name: 'InvalidInputError', exitCode: 2, message: expect.stringContaining('dependency cycle: x → z → y → x') });
  });

  it('refuses an unknown dependency and an unknown agent type, each on its line', async () => {
    const cwd = workspace({ 'plan.yaml': 'tasks:\n  - id: a\n    description: a\n    agent: reviewr\n  - id: b\n    description: b\n    command: "true"\n    dependsOn: [c]\n' });
    const run = await runCli(['plan', 'run', 'plan.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid plan: 2 problems:\n  line 4: task a: agent "reviewr" is not a defined subagent type (did you mean "reviewer"?)');
    expect(run.stderr).toContain('  line 8: task b depends on "c", which is not a task of the plan');
  });

  it('keeps tasks in flight within --max-workers', async () => {
    const tasks = Array.from({ length: 6 }, (_, index) => `  - id: t${index}\n    description: t\n    command: echo start >> log.txt; sleep 0.3; echo end >> log.txt\n`).join('');
    const cwd = workspace({ 'plan.yaml': `tasks:\n${tasks}` });
    const run = await runCli(['plan', 'run', 'plan.yaml', '--max-workers', '2', '--quiet'], { cwd });
    expect(run.code).toBe(0);
    let running = 0;
    let most = 0;
    for (const line of readFileSync(path.join(cwd, 'log.txt'), 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });
});

describe('the examples in examples/plans', () => {
  it('run as docs/plans.md says, on the mock model', async () => {
    const cwd = workspace();
    cpSync(path.join(repositoryRoot, 'examples'), path.join(cwd, 'examples'), { recursive: true });
    const research = await runCli(['plan', 'run', 'examples/plans/research.yaml', '--model', 'mock', '--json', '--quiet'], { cwd });
    expect(research.code).toBe(0);
    const result = JSON.parse(research.stdout);
    expect(result).toMatchObject({ completed: 5, failed: 0 });
    expect(result.tasks.facts.result.facts).toHaveLength(3);
    expect(JSON.parse(result.tasks.report.result)).toEqual({ summary: result.tasks.summary.result, words: result.tasks.words.result });
    const wave = await runCli(['plan', 'run', '--from-wave', 'examples/plans/wave.json', '--command', 'echo {id} {title}', '--json', '--quiet'], { cwd });
    expect(JSON.parse(wave.stdout).tasks['ol-527.3']).toEqual({ status: 'completed', result: 'ol-527.3 Integration tests' });
  });
});

describe('swarm plan run --from-wave', () => {
  const wave = {
    wave: [
      { id: 'ol-527.2', title: 'Fix rate limiting', spec_path: 'specs/ol-527.2.md', priority: 2 },
      { id: 'ol-527.1', title: "Add auth middleware (it's urgent)", spec_path: 'specs/ol-527.1.md', priority: 1 },
    ],
    blocked: [{ id: 'ol-527.3', title: 'Integration tests', spec_path: 'specs/ol-527.3.md', blocked_by: ['ol-527.1', 'ol-527.2', 'ol-527.0'] }],
    completed: [{ id: 'ol-527.0', title: 'Project setup' }],
  };

  it('runs each entry with a command template: entry fields as quoted words, upstream results on stdin', async () => {
    const cwd = workspace({ 'wave.json': JSON.stringify(wave, null, 2) });
    const run = await runCli(['plan', 'run', '--from-wave', 'wave.json', '--command', 'printf "%s|%s|%s|" {id} {title} {spec_path}; cat', '--json', '--max-workers', '1'], { cwd });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.completed).toBe(3);
    expect(Object.keys(result.tasks)).toEqual(['ol-527.1', 'ol-527.2', 'ol-527.3']);
    expect(result.tasks['ol-527.1'].result).toBe(`ol-527.1|Add auth middleware (it's urgent)|specs/ol-527.1.md|{}`);
    expect(result.tasks['ol-527.3'].result).toBe(
      `ol-527.3|Integration tests|specs/ol-527.3.md|${JSON.stringify({ 'ol-527.1': result.tasks['ol-527.1'].result, 'ol-527.2': result.tasks['ol-527.2'].result })}`,
    );
    // One worker: ready entries in priority order, the blocked one after them.
    const starts = query<{ data: string }>(cwd, `SELECT data FROM events WHERE type = 'task-start' ORDER BY seq`).map((event) => JSON.parse(event.data).taskId);
    expect(starts).toEqual(['ol-527.1', 'ol-527.2', 'ol-527.3']);
  });

  it('runs each entry as an agent task, its description the seed\'s bead prompt', async () => {
    // Spec file names the mock model's reading heuristic recognizes as paths (one dot).
    const specs = JSON.stringify(wave).replaceAll(/specs\/ol-527\.(\d)\.md/g, 'specs/bead$1.md');
    const cwd = workspace({
      'wave.json': specs,
      'specs/bead1.md': 'Add auth middleware.',
      'specs/bead2.md': 'Fix rate limiting.',
      'specs/bead3.md': 'Write integration tests.',
    });
    const run = await runCli(['plan', 'run', '--from-wave', 'wave.json', '--agent', 'reviewer', '--model', 'mock', '--json'], { cwd });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.completed).toBe(3);
    const transcript = JSON.parse((await runCli(['show', result.tableId, 'ol-527.1', '--json'], { cwd })).stdout);
    expect(transcript.data.description.startsWith('OL bead ol-527.1: Add auth middleware (it\'s urgent)\nSpec: specs/bead1.md\nPriority: 1\n\nRead the spec file at specs/bead1.md for full requirements.')).toBe(true);
    // The agent read the spec file with its tool.
    const toolCalls = transcript.loops[0].steps.filter((step: { kind: string }) => step.kind === 'tool');
    expect(toolCalls).toContainEqual(expect.objectContaining({ toolName: 'read_file', data: expect.objectContaining({ output: expect.stringContaining('Add auth middleware.') }) }));
  });

  it('refuses a blocked entry depending on an entry in no list, and a template naming a field an entry lacks', async () => {
    const cwd = workspace({ 'wave.json': JSON.stringify({ wave: [{ id: 'a', title: 'A' }], blocked: [{ id: 'b', title: 'B', blocked_by: ['nope'] }] }, null, 2) });
    const unknown = await runCli(['plan', 'run', '--from-wave', 'wave.json', '--command', 'echo {id}'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('task b depends on "nope", which is not a task of the plan');
    const field = await runCli(['plan', 'run', '--from-wave', 'wave.json', '--command', 'echo {spec_path}'], { cwd });
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('the command uses {spec_path}; a command may use {id}, {description}, {tasks.<id>}, {tasks.<id>.<field>} and its values ({title})');
    const neither = await runCli(['plan', 'run', '--from-wave', 'wave.json'], { cwd });
    expect(neither.stderr).toContain('--from-wave needs --agent TYPE or --command LINE');
  });
});

describe('swarm replay', () => {
  let server: CountingServer | undefined;
  afterEach(async () => server?.close());

  it('re-runs a plan run from its recorded answers with no provider call, and forks it from a task with another model', async () => {
    server = await startCountingServer({ latencyMs: 5 });
    const schema = '{ type: object, properties: { label: { type: string } }, required: [label] }';
    const cwd = workspace({
      'swarm.config.yaml': `providers:\n  local:\n    baseURL: ${server.url}\n`,
      'plan.yaml': `tasks:
  - id: first
    description: Label the first thing
    model: local:counting-model
    schema: ${schema}
  - id: echo
    description: echo it
    command: cat
    dependsOn: [first]
  - id: second
    description: "Label {tasks.echo}"
    model: local:counting-model
    schema: ${schema}
    dependsOn: [echo]
`,
    });
    const run = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(run.code).toBe(0);
    const original = JSON.parse(run.stdout);
    expect(server.received()).toBe(2);

    const replay = await runCli(['replay', original.id, '--json'], { cwd });
    expect(replay.code).toBe(0);
    const replayed = JSON.parse(replay.stdout);
    expect(server.received()).toBe(2);
    expect(replayed.id).not.toBe(original.id);
    expect(replayed.tasks).toEqual(original.tasks);
    const shown = await runCli(['plan', 'show', replayed.id], { cwd });
    expect(shown.stdout).toContain(`A replay of ${original.id} from its recorded answers`);

    const fork = await runCli(['replay', original.id, '--from', 'second', '--model', 'mock', '--json'], { cwd });
    expect(fork.code).toBe(0);
    const forked = JSON.parse(fork.stdout);
    expect(server.received()).toBe(2);
    expect(forked.tasks.first).toEqual(original.tasks.first);
    expect(forked.tasks.second.result).not.toEqual(original.tasks.second.result);
    expect((await runCli(['plan', 'show', forked.id], { cwd })).stdout).toContain(`A fork of ${original.id}: second and what depends on it run again with mock`);

    const bad = await runCli(['replay', original.id, '--model', 'mock'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--model goes with --from');
    const unknown = await runCli(['replay', 'plan-000000000000'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`unknown plan run "plan-000000000000". Recent plan runs: ${forked.id}`);
  });
});
