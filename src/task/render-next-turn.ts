import { fillTaskTemplate } from './render-task-prompt.ts';
import { seedTextOf } from './seed-text-of.ts';

/**
 * The next user message from a `next_turn: { template }`: `{{last}}` is the assistant's last reply,
 * `{{turn}}` the number of the turn about to start (the first turn is 1), `{{seed}}` the row's seed
 * text and `{column}` row values.
 */
export function renderNextTurn(
  template: string,
  row: Record<string, unknown>,
  { last, turn }: { last: string; turn: number },
): string {
  return fillTaskTemplate(template, row, { last, turn: String(turn), seed: seedTextOf(row) });
}
