import type { PassState } from '../../pass/pass-state.ts';
import type { WorkerKind } from '../worker-kind.ts';
import type { AgentRun } from './agent-run.ts';
import type { AgentSent } from './agent-sent.ts';
import { sendAgent } from './send-agent.ts';
import { settleAgent } from './settle-agent.ts';

/** The `agent` kind: each dispatch is an agent loop with tools (`subagentType`), its final answer settled like a model pass's. */
export function agentKind(state: PassState, run: AgentRun): WorkerKind<AgentSent> {
  return {
    name: 'agent',
    // A loop holds its worker while its tools run, between model calls.
    workers: (concurrency) => concurrency,
    send: (rows) => sendAgent(state, run, rows),
    settle: (sent) => settleAgent(state, run, sent),
  };
}
