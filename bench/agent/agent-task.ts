import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the parent passes to both sides of the agent benchmark. */
export interface AgentChildArguments {
  /** Folder holding `rows.jsonl` and the `notes/` files the agents read. */
  folder: string;
  rows: number;
  concurrency: number;
}

/** Tool steps each row's agent takes before it answers: one `read_file` per step. */
export const toolSteps = 3;

export const agentInstruction = 'Follow the steps in {text} and summarize what the notes say.';
export const agentSchema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] } as const;

/**
 * Writes `rows` task rows whose text scripts the mock model (see `planMockToolCalls`): read one
 * small note per step, for `toolSteps` steps, then answer.
 */
export function writeAgentRows(folder: string, rows: number): void {
  mkdirSync(path.join(folder, 'notes'), { recursive: true });
  const lines: string[] = [];
  for (let index = 0; index < rows; index++) {
    const steps = Array.from({ length: toolSteps }, (_, step) => {
      const note = `notes/n${index}-${step}.txt`;
      writeFileSync(path.join(folder, note), `note ${step} of row ${index}\n`);
      return `CALL${step === 0 ? '' : `+${step}`} read_file {"path":"${note}"}`;
    });
    lines.push(JSON.stringify({ id: `row-${index}`, text: steps.join('\n') }));
  }
  writeFileSync(path.join(folder, 'rows.jsonl'), `${lines.join('\n')}\n`);
}
