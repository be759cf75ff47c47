import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { scriptedToolCalls } from '../mock-answer/scripted-tool-calls.ts';
import { promptArgumentValues } from './prompt-argument-values.ts';
import { toolRoundsOf } from './tool-rounds.ts';
import type { OfferedTool, ToolUse } from './tool-use.ts';

/** One call the simulated model makes: the tool, and the arguments it takes from the prompt (the rest are generated). */
export interface PlannedToolCall {
  tool: OfferedTool;
  fromPrompt: Record<string, string>;
}

/**
 * What the simulated model answers with: text (or JSON), tool calls, the calls the prompt scripts
 * (each with its input as written), or its structured answer through the answer tool.
 */
export type ToolPlan =
  | { kind: 'answer' }
  | { kind: 'calls'; calls: PlannedToolCall[] }
  | { kind: 'scripted'; calls: Array<{ toolName: string; input: string }> }
  | { kind: 'answer-tool'; tool: OfferedTool };

// After this many rounds of tool calls a model left free to choose answers instead.
const maxAutoRounds = 3;
const maxParallelCalls = 4;

/**
 * The simulated model's deterministic tool policy. A prompt that scripts its calls (`CALL name
 * {json}` lines, see `scriptedToolCalls`; the mock model obeys them too) gets them, round by round,
 * then the answer. Otherwise, free to choose (`auto`), it calls the offered tools it has not called
 * yet, in the order offered, for up to three rounds, then answers; made to call (`required`), it
 * always calls: the answer tool when it has one and the others had their turn, else the tools
 * again. In a round it calls every tool that fits (its required arguments are all strings the
 * prompt gives, or it has none), or else the first one; a required argument with several values in
 * the prompt makes one call per value, up to four calls in all; the other arguments take the
 * prompt's first value or a generated one. With parallel calls off, it makes one call a round.
 */
export function planToolCalls(tools: ToolUse | undefined, prompt: LanguageModelV4Prompt): ToolPlan {
  if (tools === undefined || tools.choice === 'none') return { kind: 'answer' };
  const allowed = tools.offered.filter((tool) => tools.allowed.includes(tool.name));
  const answerTool = allowed.find((tool) => tool.name === tools.answerTool);
  const candidates = allowed.filter((tool) => tool !== answerTool);
  const scripted = scriptedToolCalls(prompt);
  if (scripted !== undefined) {
    // A gullible model calls what it is told, even a tool it was not given; a named choice still binds it.
    const narrowed = tools.allowed.length < tools.offered.length;
    const calls = scripted.filter((call) => !narrowed || tools.allowed.includes(call.toolName)).slice(0, tools.parallel ? undefined : 1);
    if (calls.length > 0) return { kind: 'scripted', calls };
    if (answerTool !== undefined) return { kind: 'answer-tool', tool: answerTool };
    if (tools.choice !== 'required') return { kind: 'answer' };
  }
  const { rounds, called } = toolRoundsOf(prompt);
  const uncalled = candidates.filter((tool) => !called.has(tool.name));
  let pool = uncalled;
  if (rounds >= maxAutoRounds || uncalled.length === 0) {
    if (tools.choice !== 'required') return { kind: 'answer' };
    if (answerTool !== undefined) return { kind: 'answer-tool', tool: answerTool };
    pool = candidates;
  }
  if (pool.length === 0) return answerTool === undefined ? { kind: 'answer' } : { kind: 'answer-tool', tool: answerTool };
  const options = pool.map((tool) => ({ tool, values: promptArgumentValues(tool.parameters, prompt) }));
  const fitting = options.filter(({ tool, values }) => requiredOf(tool).every((name) => values.has(name)));
  const chosen = fitting.length > 0 ? fitting : options.slice(0, 1);
  if (!tools.parallel) return { kind: 'calls', calls: [callWith(chosen[0]!.tool, chosen[0]!.values)] };
  const calls = chosen.flatMap(({ tool, values }) => {
    const [fanned, choices] = [...values].find(([name, found]) => found.length > 1 && requiredOf(tool).includes(name)) ?? [];
    return fanned === undefined ? [callWith(tool, values)] : choices!.map((value) => callWith(tool, new Map([...values, [fanned, [value]]])));
  });
  return { kind: 'calls', calls: calls.slice(0, maxParallelCalls) };
}

function callWith(tool: OfferedTool, values: Map<string, string[]>): PlannedToolCall {
  return { tool, fromPrompt: Object.fromEntries([...values].map(([name, found]) => [name, found[0]!])) };
}

function requiredOf(tool: OfferedTool): string[] {
  return Array.isArray(tool.parameters.required) ? tool.parameters.required.filter((name): name is string => typeof name === 'string') : [];
}

