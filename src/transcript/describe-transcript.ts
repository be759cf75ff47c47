import type { AgentStepRecord } from '../store/operations/agent-loops.ts';
import type { RowTranscript } from './row-transcript.ts';

const shownCharacters = 300;

/** A row's transcript as `swarm show` prints it: its columns, then each loop's steps and tool calls. */
export function describeTranscript({ tableId, rowId, data, loops }: RowTranscript): string {
  const lines = [`Row ${rowId} of table ${tableId}`];
  for (const [column, value] of Object.entries(data)) lines.push(`  ${column}: ${shorten(typeof value === 'string' ? value : JSON.stringify(value))}`);
  if (loops.length === 0) lines.push('', 'No agent loops: this row was not run by an agent (subagentType).');
  loops.forEach((loop, index) => {
    const rows = loop.rowIds.length > 1 ? ` with rows ${loop.rowIds.join(', ')}` : '';
    lines.push('', `Agent loop ${index + 1} of pass ${loop.passId}${rows}, ${loop.settled ? 'settled' : 'unfinished (resumed by the next run)'}, started ${time(loop.startedAt)} UTC`);
    for (const step of loop.steps) lines.push(...describeStep(step));
  });
  return `${lines.join('\n')}\n`;
}

function describeStep(step: AgentStepRecord): string[] {
  const took = `${((step.endedAt - step.startedAt) / 1000).toFixed(1)} s`;
  if (step.kind === 'tool') {
    const { input, output, error } = step.data as { input?: unknown; output?: unknown; error?: string };
    const result = step.isError ? `error: ${error}` : typeof output === 'string' ? output : JSON.stringify(output);
    return [`    tool ${step.toolName}(${shorten(JSON.stringify(input))}) [${took}]`, `      → ${shorten(result)}`];
  }
  const { content = [], usage } = step.data as { content?: Array<Record<string, unknown>>; usage?: { inputTokens?: { total?: number }; outputTokens?: { total?: number } } };
  const tokens = usage === undefined ? '' : `, ${usage.inputTokens?.total ?? 0} in + ${usage.outputTokens?.total ?? 0} out tokens`;
  const lines = [`  step ${step.step + 1}: model [${took}${tokens}]`];
  for (const part of content) {
    if (part.type === 'text') lines.push(`      says: ${shorten(String(part.text))}`);
    if (part.type === 'tool-call') lines.push(`      calls ${String(part.toolName)}(${shorten(String(part.input))})`);
    if (part.type === 'reasoning') lines.push(`      thinks: ${shorten(String(part.text))}`);
  }
  return lines;
}

function shorten(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length <= shownCharacters ? flat : `${flat.slice(0, shownCharacters)}… (${flat.length} characters)`;
}

function time(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 19);
}
