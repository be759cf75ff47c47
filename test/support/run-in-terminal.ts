import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from './run-cli.ts';

/** Whether util-linux `script` is here to give the CLI a pseudo-terminal. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** What a run in a terminal printed: the raw bytes, and the screen they leave. */
export interface TerminalRun {
  code: number | null;
  output: string;
  /** The lines as a terminal shows them at the end (cursor moves and line clears applied). */
  screen: string[];
  /** Every state a line was drawn in (each redraw of the progress bar, say), in order. */
  drawn: string[];
}

/**
 * Runs `swarm <args>` on the pinned Node in a pseudo-terminal `columns` wide (util-linux
 * `script`). `onOutput` sees the output so far and may type into the terminal (`"\x03"` is Ctrl-C).
 */
export function runInTerminal(
  args: string[],
  { cwd, columns = 80, env = {}, onOutput }: { cwd: string; columns?: number; env?: Record<string, string>; onOutput?: (output: string, type: (text: string) => void) => void },
): Promise<TerminalRun> {
  const command = [process.execPath, path.join(repositoryRoot, 'bin/swarm.ts'), ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', `stty cols ${columns} rows 40; exec ${command}`, '/dev/null'], {
    cwd,
    env: { ...process.env, SWARM_MODEL: '', SHELL: '/bin/sh', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    onOutput?.(output, (text) => child.stdin!.write(text));
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      resolve({ code, output, ...renderScreen(output) });
    });
  });
}

/**
 * The screen a terminal shows after `output`: carriage returns, newlines, `ESC[nG` (to column n),
 * `ESC[K`/`ESC[0K` (clear to the end of the line), `ESC 7`/`ESC 8` (save/restore the cursor);
 * other escape sequences change nothing that is shown.
 */
export function renderScreen(output: string): { screen: string[]; drawn: string[] } {
  const screen: string[][] = [[]];
  const drawn: string[] = [];
  let row = 0;
  let column = 0;
  let saved = { row: 0, column: 0 };
  const show = (line: string[]) => Array.from(line, (cell) => cell ?? ' ').join('').trimEnd();
  const pattern = /\x1b\[([0-9;?]*)([A-Za-z])|\x1b([78])|\r|\n|[^\x1b\r\n]/gu;
  for (const match of output.matchAll(pattern)) {
    const [text, parameter, command, cursor] = match;
    const line = (screen[row] ??= []);
    if (command === 'G') column = Math.max(0, Number(parameter || '1') - 1);
    else if (command === 'K') {
      drawn.push(show(line));
      line.length = Math.min(line.length, column);
    }
    else if (cursor === '7') saved = { row, column };
    else if (cursor === '8') ({ row, column } = saved);
    else if (text === '\r') column = 0;
    else if (text === '\n') {
      row++;
      screen[row] ??= [];
    } else if (command === undefined && cursor === undefined) {
      line[column++] = text;
    }
  }
  return { screen: screen.map(show), drawn };
}

function quote(argument: string): string {
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
