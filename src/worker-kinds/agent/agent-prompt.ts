import path from 'node:path';
import type { AgentType } from '../../agents/agent-type.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { renderPrompt, type PromptFrame, type PromptRow } from '../../pass/render-prompt.ts';

/** An agent's system prompt: its type's, then how a worker of a batch job works and answers. */
export function agentSystemPrompt(type: AgentType, context: string | undefined): string {
  const worker =
    'You are one worker in a parallel batch job, with tools. Do the instruction for the row(s) you are given, ' +
    'using your tools as the work needs (independent tool calls may go in one step). When you are done, ' +
    'answer with only the JSON the user message asks for: no prose, no code fences.';
  const parts = [type.system.trim(), worker, context ? `Context:\n${context}` : ''].filter((part) => part !== '');
  return parts.join('\n\n');
}

/**
 * The user message of an agent dispatch: the same instruction, rows and schema a model pass sends,
 * except that a file row shows its file's path (relative to the agent's root when inside it), not
 * its content: the agent reads what it needs with its tools.
 */
export function agentUserText(frame: PromptFrame, placeholders: readonly string[], rows: PendingRow[], { tableFileRoot, agentRoot }: { tableFileRoot: string | undefined; agentRoot: string }): string {
  const promptRows: PromptRow[] = rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const name of placeholders) values[name] = row.data[name];
    if (tableFileRoot !== undefined && typeof values.file === 'string') values.file = pathForAgent(path.resolve(tableFileRoot, values.file), agentRoot);
    return { id: row.id, values };
  });
  const user = renderPrompt(frame, promptRows)[1]!;
  return user.role === 'user' && user.content[0]?.type === 'text' ? user.content[0].text : '';
}

function pathForAgent(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
