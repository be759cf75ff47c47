import type { StepResult, ToolSet } from 'ai';
import type { PassState } from '../../pass/pass-state.ts';
import type { AgentRun } from './agent-run.ts';
import { maxRecordedOutputCharacters, recordedTools, type RecordedToolResult } from './recorded-tools.ts';
import { createStepModel, type RecordedAnswer, type StepModel } from './step-model.ts';

/** One agent loop's model and tools, recording every step as it ends. */
export interface LoopRecording {
  loopId: number;
  model: StepModel;
  tools: ToolSet;
  /** Model calls and tool calls given back from an earlier run of this loop instead of made. */
  resumed: { modelSteps: number; toolCalls: number };
  /**
   * Records the tool calls of a step that the AI SDK rejected before any tool ran (a tool not
   * offered, input that is not JSON or does not match the tool's schema), with the error the model
   * was told: no tool's `execute` sees them, so nothing else records them.
   */
  recordRejectedCalls(step: Pick<StepResult<ToolSet>, 'toolCalls' | 'content'>): void;
  /** The loop's rows are settled: a later run of them starts afresh. */
  settle(): void;
}

/**
 * Opens the loop of a dispatch's rows: the one an earlier run of the pass left unsettled (a crash),
 * whose recorded answers and tool results are given back instead of made again, or a new one (a
 * copy of another pass's loop of the same rows, when the run replays one).
 * Everything recorded has the pass's API keys redacted.
 */
export function openLoopRecording(state: PassState, run: AgentRun, rowIds: string[]): LoopRecording {
  const { loopId, steps } = run.loops.open({ passId: state.passId, rowIds, at: Date.now(), replayOf: run.replayLoopsOf });
  const answers: RecordedAnswer[] = [];
  const results = new Map<string, RecordedToolResult>();
  for (const step of steps) {
    if (step.kind === 'model') answers[step.step] = step.data as RecordedAnswer;
    else {
      const data = step.data as { output?: unknown; error?: string };
      results.set(step.toolCallId, step.isError ? { error: data.error ?? 'the tool failed' } : { output: data.output });
    }
  }
  // Only answers recorded in an unbroken run from the first can be given back in order.
  const replayable = answers.findIndex((answer) => answer === undefined);
  if (replayable >= 0) answers.length = replayable;
  const redacted = (value: unknown) => JSON.parse(state.secrets.redact(JSON.stringify(value ?? null))) as unknown;

  const model = createStepModel(run.governed, {
    recorded: answers,
    formats: run.formatFor(rowIds.length),
    onAnswer: ({ step, answer, startedAt, endedAt }) => run.loops.record(loopId, { kind: 'model', step, data: redacted(answer), startedAt, endedAt }),
  });
  const toolCallEnded = (toolName: string, status: 'ok' | 'error', latencyMs: number) => {
    if (state.events.active) state.events.emit({ type: 'tool-call-end', passId: state.passId, rowIds, toolName, status, latencyMs });
  };
  const tools = recordedTools(run.tools, {
    recorded: results,
    redact: (text) => state.secrets.redact(text),
    onResult: ({ toolCallId, toolName, input, output, error, startedAt, endedAt }) => {
      toolCallEnded(toolName, error === undefined ? 'ok' : 'error', endedAt - startedAt);
      run.loops.record(loopId, {
        kind: 'tool',
        step: model.lastStep,
        toolCallId,
        toolName,
        data: redacted(error === undefined ? { input, output: capped(output) } : { input, error }),
        isError: error !== undefined,
        startedAt,
        endedAt,
      });
    },
  });
  return {
    loopId,
    model,
    tools,
    resumed: { modelSteps: answers.length, toolCalls: results.size },
    recordRejectedCalls({ toolCalls, content }) {
      for (const call of toolCalls) {
        // A resumed loop replays the step and the SDK rejects the call again: it is recorded once.
        if (call.invalid !== true || results.has(call.toolCallId)) continue;
        const told = content.find((part) => part.type === 'tool-error' && part.toolCallId === call.toolCallId);
        const error = told?.type === 'tool-error' ? String(told.error) : String(call.error);
        const at = Date.now();
        results.set(call.toolCallId, { error });
        toolCallEnded(call.toolName, 'error', 0);
        run.loops.record(loopId, {
          kind: 'tool',
          step: model.lastStep,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          data: redacted({ input: call.input, error }),
          isError: true,
          startedAt: at,
          endedAt: at,
        });
      }
    },
    settle: () => run.loops.settle(loopId),
  };
}

/** A tool's output as a transcript keeps it: whole, or cut to a string when its JSON is too long. */
function capped(output: unknown): unknown {
  const json = JSON.stringify(output ?? null);
  if (json.length <= maxRecordedOutputCharacters) return output;
  return `${json.slice(0, maxRecordedOutputCharacters)}… [cut: ${json.length} characters in all]`;
}
