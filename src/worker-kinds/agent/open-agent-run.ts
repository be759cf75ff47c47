import { openAgentTools } from '../../agents/open-agent-tools.ts';
import type { AgentLoopOperations } from '../../store/operations/agent-loops.ts';
import { governPassModel } from '../../pass/call-pass-model.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PreparedModelPass } from '../../pass/prepared-pass.ts';
import { agentSystemPrompt } from './agent-prompt.ts';
import type { AgentRun } from './agent-run.ts';
import { loopResponseFormat, toolsOffMode } from './loop-response-format.ts';

/**
 * Sets up what an agent pass's loops share (its tools, MCP connections included); `close` lets go
 * of them. Tools get `env` (a worker of another process: its own); loops are recorded in `loops`.
 */
export async function openAgentRun(
  { env, loops }: { env: Record<string, string | undefined>; loops: AgentLoopOperations },
  pass: Pick<PreparedModelPass, 'agent' | 'model' | 'schema' | 'context'>,
  state: PassState,
): Promise<{ run: AgentRun; close: () => Promise<void> }> {
  const { type, tableFileRoot, replayLoopsOf } = pass.agent!;
  const provider = pass.model.languageModel.provider;
  const tools = await openAgentTools(type, { env, abortSignal: state.signal, provider });
  const run: AgentRun = {
    type,
    tools: tools.tools,
    governed: governPassModel(state, state, { recordAnswers: true }),
    formatFor: (rows) => loopResponseFormat(provider, rows === 1 ? pass.schema.row : pass.schema.batch),
    toolsOff: toolsOffMode(provider),
    system: agentSystemPrompt(type, pass.context),
    tableFileRoot,
    loops,
    replayLoopsOf,
  };
  return { run, close: tools.close };
}
