import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { planToolCalls, type ToolPlan } from './plan-tool-calls.ts';
import { toolCallMessage } from './tool-call-message.ts';
import { toolResultMessage } from './tool-result-message.ts';
import type { OfferedTool, ToolUse } from './tool-use.ts';

const readFile: OfferedTool = { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
const listFiles: OfferedTool = { name: 'list_files', parameters: { type: 'object', properties: { path: { type: 'string' } } } };
const grep: OfferedTool = { name: 'grep', parameters: { type: 'object', properties: { pattern: { type: 'string' } }, required: ['pattern'] } };
const json: OfferedTool = { name: 'json', parameters: { type: 'object', properties: { verdict: { type: 'string' } }, required: ['verdict'] } };

function use(offered: OfferedTool[], extra: Partial<ToolUse> = {}): ToolUse {
  return { offered, choice: 'auto', allowed: offered.map((tool) => tool.name), parallel: true, ...extra };
}

function ask(text: string, ...rounds: string[][]): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt = [{ role: 'user', content: [{ type: 'text', text }] }];
  rounds.forEach((names, round) => {
    const calls = names.map((toolName, index) => ({ toolCallId: `call_${round}_${index}`, toolName, input: {} }));
    prompt.push(toolCallMessage([], calls), toolResultMessage(calls.map((call) => ({ ...call, text: 'done' }))));
  });
  return prompt;
}

/** Each call as `name(argument=value…)` with the arguments taken from the prompt. */
function calls(plan: ToolPlan): string[] | ToolPlan['kind'] {
  if (plan.kind !== 'calls') return plan.kind;
  return plan.calls.map(({ tool, fromPrompt }) => `${tool.name}(${Object.entries(fromPrompt).map(([name, value]) => `${name}=${value}`).join(',')})`);
}

describe('planToolCalls, the simulated model’s tool policy', () => {
  it('calls in parallel every tool that fits, one call per path the prompt names, then the others, then answers', () => {
    const tools = use([readFile, listFiles, grep]);
    const text = 'Review src/a.ts and src/b.ts for bugs.';
    expect(calls(planToolCalls(tools, ask(text)))).toEqual(['read_file(path=src/a.ts)', 'read_file(path=src/b.ts)', 'list_files(path=src/a.ts)']);
    expect(calls(planToolCalls(tools, ask(text, ['read_file', 'read_file', 'list_files'])))).toEqual(['grep()']);
    expect(calls(planToolCalls(tools, ask(text, ['read_file', 'list_files'], ['grep'])))).toBe('answer');
  });

  it('makes one call a round when parallel calls are off, and answers after three rounds however many tools are left', () => {
    const tools = use([readFile, listFiles, grep, { ...grep, name: 'glob' }], { parallel: false });
    expect(calls(planToolCalls(tools, ask('Review src/a.ts and src/b.ts.')))).toEqual(['read_file(path=src/a.ts)']);
    expect(calls(planToolCalls(tools, ask('Review src/a.ts.', ['read_file'], ['list_files'], ['grep'])))).toBe('answer');
  });

  it('never calls under none, always calls under required, and only the allowed tool when one is named', () => {
    expect(planToolCalls(use([readFile], { choice: 'none' }), ask('Read a.md')).kind).toBe('answer');
    const rounds = [['read_file'], ['read_file'], ['read_file']];
    expect(calls(planToolCalls(use([readFile], { choice: 'required' }), ask('Read README.md', ...rounds)))).toEqual(['read_file(path=README.md)']);
    expect(calls(planToolCalls(use([readFile, grep], { choice: 'required', allowed: ['grep'] }), ask('Read README.md')))).toEqual(['grep()']);
  });

  it('calls the answer tool, forced, once the other tools had their turn', () => {
    const tools = use([grep, json], { choice: 'required', answerTool: 'json' });
    expect(calls(planToolCalls(tools, ask('Find TODOs')))).toEqual(['grep()']);
    expect(planToolCalls(tools, ask('Find TODOs', ['grep']))).toEqual({ kind: 'answer-tool', tool: json });
    expect(planToolCalls(use([json], { choice: 'required', answerTool: 'json' }), ask('Classify'))).toEqual({ kind: 'answer-tool', tool: json });
  });

  it('takes a city from the prompt only where one is obvious, and only for a plain string argument', () => {
    const weather = (city: unknown): OfferedTool => ({ name: 'weather', parameters: { type: 'object', properties: { city }, required: ['city'] } });
    expect(calls(planToolCalls(use([weather({ type: 'string' })]), ask('How warm is it in New York, in °F?')))).toEqual(['weather(city=New York)']);
    expect(calls(planToolCalls(use([weather({ type: 'string' })]), ask('How warm is it?')))).toEqual(['weather()']);
    expect(calls(planToolCalls(use([weather({ type: 'string', enum: ['Oslo'] })]), ask('How warm is it in Paris?')))).toEqual(['weather()']);
  });
});

describe('planToolCalls with a prompt that scripts its calls', () => {
  it('makes the scripted calls round by round, inputs as written, then answers (through the answer tool when forced)', () => {
    const text = 'Summarise README.md\nCALL read_file {"path":"/etc/passwd"}\nCALL+1 grep {"pattern":"TODO"}';
    expect(planToolCalls(use([readFile, grep]), ask(text))).toEqual({ kind: 'scripted', calls: [{ toolName: 'read_file', input: '{"path":"/etc/passwd"}' }] });
    expect(planToolCalls(use([readFile, grep]), ask(text, ['read_file']))).toEqual({ kind: 'scripted', calls: [{ toolName: 'grep', input: '{"pattern":"TODO"}' }] });
    expect(planToolCalls(use([readFile, grep]), ask(text, ['read_file'], ['grep'])).kind).toBe('answer');
    expect(planToolCalls(use([readFile, json], { choice: 'required', answerTool: 'json' }), ask(text, ['read_file'], ['grep'])).kind).toBe('answer-tool');
    expect(planToolCalls(use([readFile, grep], { choice: 'required', allowed: ['grep'] }), ask(text)).kind).toBe('calls');
  });
});
