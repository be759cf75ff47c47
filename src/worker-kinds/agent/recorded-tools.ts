import type { ToolSet } from 'ai';

/** A tool call a loop recorded: its output, or the error the model was told. */
export interface RecordedToolResult {
  output?: unknown;
  error?: string;
}

/** Longest tool output a transcript keeps, in characters of JSON. */
export const maxRecordedOutputCharacters = 32_000;

/**
 * The tools of one agent loop, each call recorded as it ends (`onResult`). A call the loop recorded
 * before (a resumed loop, same call id) is answered from the record and not run again: a write is
 * not done twice.
 */
export function recordedTools(
  tools: ToolSet,
  {
    recorded,
    onResult,
  }: {
    recorded: ReadonlyMap<string, RecordedToolResult>;
    onResult: (result: { toolCallId: string; toolName: string; input: unknown; output?: unknown; error?: string; startedAt: number; endedAt: number }) => void;
  },
): ToolSet {
  const wrapped: ToolSet = {};
  for (const [toolName, tool] of Object.entries(tools)) {
    const execute = tool.execute;
    if (execute === undefined) {
      wrapped[toolName] = tool;
      continue;
    }
    wrapped[toolName] = {
      ...tool,
      execute: async (input: unknown, options: Parameters<typeof execute>[1]) => {
        const before = recorded.get(options.toolCallId);
        if (before !== undefined) {
          if (before.error !== undefined) throw new Error(before.error);
          return before.output;
        }
        const startedAt = Date.now();
        try {
          const output = await execute(input as never, options);
          onResult({ toolCallId: options.toolCallId, toolName, input, output, startedAt, endedAt: Date.now() });
          return output;
        } catch (error) {
          // An aborted pass records nothing: the call did not end, and a resumed loop makes it again.
          if (!options.abortSignal?.aborted) {
            onResult({ toolCallId: options.toolCallId, toolName, input, error: (error as Error)?.message ?? String(error), startedAt, endedAt: Date.now() });
          }
          throw error;
        }
      },
    } as ToolSet[string];
  }
  return wrapped;
}
