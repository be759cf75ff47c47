import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';

const operators = new Set([';', '|', '&', '<', '>']);
// After `$`, these would start an expansion in a shell: `$(`, `${`, `$NAME`, `$1`, `$?` and the like.
const expansionStart = /[({A-Za-z0-9_?$!@*#-]/;

/**
 * Splits a command line into argv the way a POSIX shell splits words, with no shell behind it:
 * single quotes keep everything, double quotes keep all but `\"`, `\\`, `\$` and `` \` ``, a
 * backslash outside quotes keeps the next character. Operators (`;`, `|`, `&`, `<`, `>`) outside
 * quotes, expansions (`$(`, `${`, `$NAME`, backticks) outside single quotes, and newlines anywhere
 * are refused, since no shell would run them; globs (`*`) and `~` are passed on literally.
 */
export function parseCommandLine(command: string): string[] {
  if (/[\n\r\0]/.test(command)) throw refused('newlines and NUL bytes are not allowed; run one command per call');
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    const next = command[index + 1];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (char === '`') throw refused('backticks (command substitution) are not supported');
    if (char === '$' && next !== undefined && expansionStart.test(next)) throw refused(`"$${next}" would be an expansion; variables and command substitution are not supported`);
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && next !== undefined && '"\\$`'.includes(next)) word += command[++index];
      else word += char;
      continue;
    }
    if (char === ' ' || char === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (operators.has(char)) throw refused(`"${char}" is a shell operator; pipes, redirections, background jobs and command lists are not supported`);
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\') word += command[++index] ?? '';
    else word += char;
  }
  if (quote !== undefined) throw refused(`the ${quote === '"' ? 'double' : 'single'} quote is not closed`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new ToolFailedError('the command is empty');
  return words;
}

function refused(why: string): ToolRefusedError {
  return new ToolRefusedError('shell-syntax', `refused: ${why}. The command runs without a shell: give one program and its arguments (quotes are allowed).`);
}
