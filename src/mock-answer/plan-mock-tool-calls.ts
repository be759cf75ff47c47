import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { scriptedToolCalls } from './scripted-tool-calls.ts';

/** A tool call the mock model makes: the tool, and its input as JSON text. */
export interface MockToolCall {
  toolName: string;
  input: string;
}

// A value written as a file path: `<file>…</file>`/`<path>…</path>`, else a word with a file extension.
const taggedPath = /<(?:file|path)>([^<\n]{1,500})<\/(?:file|path)>/g;
const pathLike = /(?<![\w/.:-])((?:\.{1,2}\/|\/)?(?:[\w@+-][\w@.+-]*\/)*[\w@+-][\w@+-]*\.[A-Za-z][A-Za-z0-9]{0,7})(?![\w/-])/g;
const markerLine = '// Checked by the Swarm mock model.';
const maxReads = 4;

/**
 * The tool calls the mock model makes for a call offering tools, or none (it answers instead).
 * Deterministic: the round is the number of tool-calling turns already in the prompt.
 * - `CALL name {json}` lines in the user's messages: all of them in the first round, at once
 *   (`CALL+n name {json}`: in round n, counting from 0; see `scriptedToolCalls`).
 * - Otherwise, with `read_file`: first read the files the prompt names (several at once); then,
 *   with `edit_file`, mark the first one read by inserting a comment above its first line.
 *   Without a path but with `list_files`: list the root first.
 * `toolChoice` `none` never calls; `required` or a named tool calls at least once.
 */
export function planMockToolCalls({ prompt, tools, toolChoice }: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'toolChoice'>): MockToolCall[] {
  const offered = new Set((tools ?? []).filter((tool) => tool.type === 'function').map((tool) => tool.name));
  if (offered.size === 0 || toolChoice?.type === 'none') return [];
  const round = prompt.filter((message) => message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call')).length;
  const userText = prompt
    .filter((message) => message.role === 'user')
    .flatMap((message) => message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])))
    .join('\n');
  let calls = scriptedToolCalls(prompt) ?? defaultScript(prompt, userText, round, offered);
  if (toolChoice?.type === 'tool') calls = calls.filter((call) => call.toolName === toolChoice.toolName);
  const mustCall = toolChoice?.type === 'required' || toolChoice?.type === 'tool';
  if (calls.length === 0 && mustCall) {
    const name = toolChoice.type === 'tool' ? toolChoice.toolName : offered.has('list_files') ? 'list_files' : [...offered][0]!;
    calls = [{ toolName: name, input: '{}' }];
  }
  return calls;
}

function defaultScript(prompt: LanguageModelV4Prompt, userText: string, round: number, offered: Set<string>): MockToolCall[] {
  if (round === 0) {
    const paths = pathsIn(userText);
    if (offered.has('read_file') && paths.length > 0) return paths.slice(0, maxReads).map((path) => ({ toolName: 'read_file', input: JSON.stringify({ path }) }));
    if (offered.has('list_files')) return [{ toolName: 'list_files', input: '{}' }];
    return [];
  }
  if (round === 1 && offered.has('edit_file')) {
    const read = firstFileRead(prompt);
    if (read !== undefined) return [{ toolName: 'edit_file', input: JSON.stringify({ path: read.path, old_string: read.firstLine, new_string: `${markerLine}\n${read.firstLine}` }) }];
  }
  return [];
}

function pathsIn(text: string): string[] {
  const tagged = [...text.matchAll(taggedPath)].map((match) => match[1]!.trim());
  const found = tagged.length > 0 ? tagged : [...text.matchAll(pathLike)].map((match) => match[1]!);
  return [...new Set(found)];
}

/** The first file a `read_file` call read without error, and its first non-empty line. */
function firstFileRead(prompt: LanguageModelV4Prompt): { path: string; firstLine: string } | undefined {
  const paths = new Map<string, string>();
  for (const message of prompt) {
    if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type === 'tool-call' && part.toolName === 'read_file') {
          const input = (typeof part.input === 'string' ? safeParse(part.input) : part.input) as { path?: unknown } | undefined;
          if (typeof input?.path === 'string') paths.set(part.toolCallId, input.path);
        }
      }
    }
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result' || !paths.has(part.toolCallId)) continue;
      const output = part.output;
      const text = output.type === 'text' ? output.value : output.type === 'json' ? (typeof output.value === 'string' ? output.value : undefined) : undefined;
      const firstLine = text
        ?.split('\n')
        .map((line) => line.replace(/^\s*\d+[\t|:→]\s?/, ''))
        .find((line) => line.trim() !== '');
      if (firstLine !== undefined) return { path: paths.get(part.toolCallId)!, firstLine };
    }
  }
  return undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
