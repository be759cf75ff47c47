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
 * not done twice. Every output and error message goes through `redact` before the model or the
 * record sees it: a tool that reads a key (a `.env` file, a server's answer) does not hand it to the
 * model, which could copy it into its answer.
 */
export function recordedTools(
  tools: ToolSet,
  {
    recorded,
    onResult,
    redact,
  }: {
    recorded: ReadonlyMap<string, RecordedToolResult>;
    onResult: (result: { toolCallId: string; toolName: string; input: unknown; output?: unknown; error?: string; startedAt: number; endedAt: number }) => void;
    redact: (text: string) => string;
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
        let output: unknown;
        try {
          output = redactValue(await execute(input as never, options), redact);
        } catch (error) {
          // An aborted pass records nothing: the call did not end, and a resumed loop makes it again.
          if (options.abortSignal?.aborted) throw error;
          const message = redact((error as Error)?.message ?? String(error));
          onResult({ toolCallId: options.toolCallId, toolName, input, error: message, startedAt, endedAt: Date.now() });
          if (error instanceof Error) error.message = message;
          throw error instanceof Error ? error : new Error(message);
        }
        onResult({ toolCallId: options.toolCallId, toolName, input, output, startedAt, endedAt: Date.now() });
        return output;
      },
    } as ToolSet[string];
  }
  return wrapped;
}

/** `value` with `redact` applied to its JSON text; the same value when there was nothing to redact. */
function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (value === undefined) return value;
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const safe = redact(json);
  return safe === json ? value : (JSON.parse(safe) as unknown);
}
