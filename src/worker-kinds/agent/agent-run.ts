import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ToolSet } from 'ai';
import type { AgentType } from '../../agents/agent-type.ts';
import type { LoopFormats } from './loop-response-format.ts';
import type { AgentLoopOperations } from '../../store/operations/agent-loops.ts';

/** What every agent loop of a pass shares. */
export interface AgentRun {
  type: AgentType;
  /** The agent type's tools (built-in and MCP), unrecorded: each loop wraps them. */
  tools: ToolSet;
  /** The pass's model, governed, recording each answer as an attempt; never cached. */
  governed: LanguageModelV4;
  /** The answer's JSON shape for a loop of `rows` rows: on every call where the provider takes it beside tools, and for the last answer. */
  formatFor(rows: number): LoopFormats;
  /** How the last answer is asked with tools off (see `toolsOffMode`). */
  toolsOff: 'tool-choice-none' | 'no-tools';
  /** The agent type's system prompt, then how a worker of a batch job answers. */
  system: string;
  /** Where the table's `file` values are relative to (a table of files); the agent sees them relative to its root. */
  tableFileRoot: string | undefined;
  loops: AgentLoopOperations;
  /** A pass whose settled loops each row's first loop here replays (see `EnginePassOptions.replayLoopsOf`). */
  replayLoopsOf: string | undefined;
}
