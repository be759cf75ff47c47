// An agent type with an MCP server (the stdio fixture server, a real child process): its tools are
// offered as <server>__<tool>, their results reach the transcript, a failing tool is a tool error
// the model sees, and the server is gone once the pass ends.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { McpConnectionError } from '../../src/mcp-tools/mcp-connection-error.ts';
import { repositoryRoot } from '../support/run-cli.ts';
import { storedAttempts, tempSwarm } from '../library/support/temp-swarm.ts';
import { watchedMockModel } from './support/watched-mock-model.ts';

const fixtureServer = { command: process.execPath, args: [path.join(repositoryRoot, 'src/mcp-tools/fixtures/stdio-fixture-server.ts')] };
const noteSchema = { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface ToolStepData {
  input: unknown;
  output?: unknown;
  error?: string;
}

describe('an agent type with mcpServers', () => {
  it('calls the server\'s tools, records their results and errors, and ends the server with the pass', async () => {
    const temp = tempSwarm({
      config: { aliases: {}, providers: {}, prices: {}, agents: { helper: { tools: ['read_file'], mcpServers: { fixture: fixtureServer } } } },
      env: { OPENAI_API_KEY: 'sk-live-mcp-agent-test-0123456789' },
    });
    const tasks = [
      { id: 'echo', text: 'CALL fixture__echo {"text":"hello from a row"}' },
      { id: 'fail', text: 'CALL fixture__fail {}' },
      { id: 'pid', text: 'CALL fixture__pid {}' },
      { id: 'env', text: 'CALL fixture__env_keys {}' },
      { id: 'both', text: 'CALL fixture__echo {"text":"one"}\nCALL fixture__fail {}\nCALL fixture__echo {"text":"two"}' },
      { id: 'unknown', text: 'CALL fixture__delete_everything {}' },
    ];
    const table = await temp.swarm.create({ tasks });
    const { model, seen } = watchedMockModel();
    const result = await temp.swarm.run(table.id, { subagentType: 'helper', instruction: 'Do what this row says:\n{text}', responseSchema: noteSchema, model, batchSize: 1 });
    expect(result).toMatchObject({ completed: tasks.length, failed: 0, pending: 0 });

    const toolSteps = async (rowId: string) => {
      const { loops } = await temp.swarm.transcript(table.id, rowId);
      expect(loops).toHaveLength(1);
      return loops[0]!.steps.flatMap((step) => (step.kind === 'tool' ? [{ name: step.toolName, isError: step.isError, ...(step.data as ToolStepData) }] : []));
    };
    const toldTo = (rowId: string) => seen.filter((each) => each.userText.includes(`<row id="${rowId}">`));

    expect(await toolSteps('echo')).toEqual([{ name: 'fixture__echo', isError: false, input: { text: 'hello from a row' }, output: 'echo: hello from a row' }]);
    expect(toldTo('echo')).toMatchObject([{ toolName: 'fixture__echo', isError: false, text: 'echo: hello from a row' }]);

    // The tool's isError result is a tool error: recorded, and told to the model; the row is still answered.
    expect(await toolSteps('fail')).toEqual([{ name: 'fixture__fail', isError: true, input: {}, error: 'the fail tool always fails' }]);
    expect(toldTo('fail')).toMatchObject([{ toolName: 'fixture__fail', isError: true, text: expect.stringContaining('the fail tool always fails') }]);

    // Three calls in one step: each recorded with its own result.
    const both = await toolSteps('both');
    expect(both.map(({ name, isError, output, error }) => [name, isError, output ?? error])).toEqual(
      expect.arrayContaining([
        ['fixture__echo', false, 'echo: one'],
        ['fixture__fail', true, 'the fail tool always fails'],
        ['fixture__echo', false, 'echo: two'],
      ]),
    );
    expect(both).toHaveLength(3);

    // A tool the server does not have is not offered.
    const [unknown] = await toolSteps('unknown');
    expect(unknown).toMatchObject({ name: 'fixture__delete_everything', isError: true, error: expect.stringMatching(/unavailable tool 'fixture__delete_everything'.*fixture__echo/) });

    // The server's environment holds no key.
    const [env] = await toolSteps('env');
    expect(env!.isError).toBe(false);
    expect(String(env!.output)).toContain('PATH');
    expect(String(env!.output)).not.toMatch(/API_KEY/);

    // One server for the pass, ended with it.
    const [pid] = await toolSteps('pid');
    const serverPid = Number(pid!.output);
    expect(serverPid).toBeGreaterThan(0);
    expect(isRunning(serverPid)).toBe(false);
  }, 90_000);

  it('a server that cannot start fails the pass before any model call, naming the server', async () => {
    const broken = { command: process.execPath, args: ['-e', "console.error('fatal: no config'); process.exit(3)"] };
    const temp = tempSwarm({ config: { aliases: {}, providers: {}, prices: {}, agents: { helper: { tools: [], mcpServers: { broken } } } } });
    const table = await temp.swarm.create({ tasks: [{ id: 'a', text: 'CALL broken__anything {}' }] });
    const refused = await temp.swarm.run(table.id, { subagentType: 'helper', instruction: 'Do {text}', responseSchema: noteSchema, model: 'mock' }).catch((error: unknown) => error);
    expect(McpConnectionError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/"broken"[\s\S]*fatal: no config/);
    expect(storedAttempts(temp)).toEqual([]);
  }, 90_000);
});
