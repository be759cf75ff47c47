/** A function tool a request offers: its name and the JSON Schema of its arguments. */
export interface OfferedTool {
  name: string;
  parameters: Record<string, unknown>;
}

/**
 * What a request lets the model do with its function tools, in the terms the three APIs share:
 * `none` never calls (OpenAI and Anthropic `none`, Gemini `NONE`), `auto` calls or answers
 * (`auto`, `AUTO`, `VALIDATED`), `required` must call one of `allowed` (OpenAI `required` or a
 * named function, Anthropic `any` or `tool`, Gemini `ANY`).
 */
export interface ToolUse {
  offered: OfferedTool[];
  choice: 'none' | 'auto' | 'required';
  /** The names the model may call: every offered tool's, or those the request narrows it to (a named tool, OpenAI `allowed_tools`, Gemini `allowedFunctionNames`). */
  allowed: string[];
  /** Several calls in one answer (OpenAI `parallel_tool_calls` not false, Anthropic no `disable_parallel_tool_use`; Gemini always). */
  parallel: boolean;
  /**
   * The tool that carries the final structured answer: the AI SDK's JSON response tool (`json`,
   * `json_1`… appended last and forced), called with the answer once the other tools had their turns.
   */
  answerTool?: string;
}
