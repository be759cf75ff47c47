import vm from 'node:vm';
import { ToolFailedError } from '../tool-failed-error.ts';

/** A line found by a `LineSearcher`: its 1-based number and text. */
export type FoundLine = { number: number; text: string };

/** Finds the lines of a text that a regular expression matches, at most `limit` of them. */
export type LineSearcher = (text: string, limit: number) => FoundLine[];

// Runs in its own context so that a timeout can stop it: a regular expression from a model can
// backtrack for minutes (`(a+)+b`), and the event loop it would block runs every other worker too.
const searchScript = new vm.Script(`{
  const found = [];
  const lines = text.split(/\\r?\\n/);
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    if (regex.test(lines[index])) found.push({ number: index + 1, text: lines[index] });
  }
  found;
}`);

/**
 * A searcher for `pattern` (JavaScript regular expression syntax) whose runs together may take
 * `timeBudgetMs`; past it a run fails with a `ToolFailedError` asking for a simpler expression.
 */
export function createLineSearcher(pattern: string, { timeBudgetMs }: { timeBudgetMs: number }): LineSearcher {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw new ToolFailedError(`invalid regular expression: ${(error as Error).message}`);
  }
  const context = vm.createContext({ pattern, text: '', limit: 0 });
  vm.runInContext('globalThis.regex = new RegExp(pattern)', context);
  const deadline = performance.now() + timeBudgetMs;
  return (text, limit) => {
    context.text = text;
    context.limit = limit;
    const timeout = Math.ceil(deadline - performance.now());
    const tooSlow = () => new ToolFailedError(`the regular expression took more than ${timeBudgetMs} ms to run; use a simpler one`);
    if (timeout <= 0) throw tooSlow();
    try {
      const found = searchScript.runInContext(context, { timeout }) as FoundLine[];
      return found.map(({ number, text: line }) => ({ number, text: line }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw tooSlow();
      throw error;
    } finally {
      context.text = '';
    }
  };
}
