import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { withGovernedCallOptions } from '../../governed-model/governed-call-options.ts';
import { outcomeOfError } from '../../pass/call-pass-model.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { agentUserText } from './agent-prompt.ts';
import type { AgentRun } from './agent-run.ts';
import type { AgentSent } from './agent-sent.ts';
import { openLoopRecording, type LoopRecording } from './loop-recording.ts';

/**
 * Runs a dispatch's agent loop: the AI SDK's own tool loop (`generateText` with tools, up to the
 * type's `maxSteps`) on the pass's governed model, so every step takes the limiter, the budget and
 * retries and is recorded as an attempt; each answer and tool call is also recorded in the loop's
 * transcript as it ends, and a loop an earlier run left unfinished resumes from there.
 */
export async function sendAgent(state: PassState, run: AgentRun, rows: PendingRow[]): Promise<AgentSent> {
  const rowIds = rows.map((row) => row.id);
  const loop = openLoopRecording(state, run, rowIds);
  const user: ModelMessage = {
    role: 'user',
    content: agentUserText(state.frame, state.placeholders, rows, { tableFileRoot: run.tableFileRoot, agentRoot: run.type.root }),
  };
  try {
    const result = await agentGenerate(state, run, loop, rowIds, [user], { maxSteps: run.type.maxSteps });
    const last = result.steps.at(-1);
    const stillCalling = last !== undefined && last.finishReason === 'tool-calls';
    return {
      rows,
      rowIds,
      loop,
      outcome: { kind: 'answer', text: stillCalling ? undefined : result.text, messages: [user, ...result.response.messages], truncated: last?.finishReason === 'length' },
    };
  } catch (error) {
    return { rows, rowIds, loop, outcome: outcomeOfError(state, state, error) };
  }
}

/** One `generateText` of an agent loop: its steps, or (`toolsOff`) one last answer without tools, asked in the answer's JSON shape. */
export function agentGenerate(
  state: PassState,
  run: AgentRun,
  loop: LoopRecording,
  rowIds: string[],
  messages: ModelMessage[],
  { maxSteps, toolsOff = false }: { maxSteps: number; toolsOff?: boolean },
) {
  if (toolsOff) loop.model.askForAnswer();
  return generateText({
    model: loop.model,
    system: run.system,
    messages,
    tools: loop.tools,
    ...(!toolsOff ? {} : run.toolsOff === 'no-tools' ? { activeTools: [] } : { toolChoice: 'none' as const }),
    stopWhen: stepCountIs(maxSteps),
    onStepEnd: (step) => loop.recordRejectedCalls(step),
    // The governed model retries; the AI SDK must not retry on top of it.
    maxRetries: 0,
    abortSignal: state.signal,
    ...(state.maxOutputTokens === undefined ? {} : { maxOutputTokens: state.maxOutputTokens }),
    providerOptions: withGovernedCallOptions(undefined, { rowIds }),
  });
}
