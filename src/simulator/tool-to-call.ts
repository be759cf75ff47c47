/** A function tool the simulated model calls instead of answering: its name and the JSON Schema of its arguments. */
export interface ToolToCall {
  name: string;
  parameters: Record<string, unknown>;
}
