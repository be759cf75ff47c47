import { describe, expect, it } from 'vitest';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { parseCommandLine } from './parse-command-line.ts';

describe('parseCommandLine', () => {
  it.each([
    ['git status', ['git', 'status']],
    ['  ls   -la\tsrc  ', ['ls', '-la', 'src']],
    [`grep -n 'a|b; c > d' file.txt`, ['grep', '-n', 'a|b; c > d', 'file.txt']],
    [`echo "it's \\"quoted\\" \\\\ \\$" 'single $HOME \`x\`'`, ['echo', `it's "quoted" \\ $`, 'single $HOME `x`']],
    [`echo a\\ b c\\;d`, ['echo', 'a b', 'c;d']],
    [`echo "" '' x`, ['echo', '', '', 'x']],
    [`echo pre"mid"'post'`, ['echo', 'premidpost']],
    ['echo *.ts ~ $ 5$', ['echo', '*.ts', '~', '$', '5$']],
    [`grep 'foo$' x`, ['grep', 'foo$', 'x']],
  ])('splits %s', (command, argv) => {
    expect(parseCommandLine(command)).toEqual(argv);
  });

  it.each([
    ['ls; rm -rf /', /";" is a shell operator/],
    ['cat file | sh', /"\|" is a shell operator/],
    ['sleep 1 & echo', /"&" is a shell operator/],
    ['true && false', /"&" is a shell operator/],
    ['echo x > out', /">" is a shell operator/],
    ['cat < in', /"<" is a shell operator/],
    ['echo `id`', /backticks/],
    ['echo "`id`"', /backticks/],
    ['echo $(id)', /"\$\(" would be an expansion/],
    ['echo "$(id)"', /"\$\(" would be an expansion/],
    ['echo ${HOME}', /"\$\{" would be an expansion/],
    ['echo $OPENAI_API_KEY', /"\$O" would be an expansion/],
    ['echo "$HOME"', /"\$H" would be an expansion/],
    ['echo a\nrm x', /newlines and NUL bytes/],
    ["echo 'a\nb'", /newlines and NUL bytes/],
    ['echo a\r', /newlines and NUL bytes/],
    ['echo a\0b', /newlines and NUL bytes/],
    [`echo 'open`, /single quote is not closed/],
    [`echo "open`, /double quote is not closed/],
  ])('refuses %j', (command, message) => {
    let error: unknown;
    try {
      parseCommandLine(command);
    } catch (caught) {
      error = caught;
    }
    expect(ToolRefusedError.isInstance(error)).toBe(true);
    expect((error as ToolRefusedError).reason).toBe('shell-syntax');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/runs without a shell/);
  });

  it('fails on an empty command', () => {
    expect(() => parseCommandLine('   ')).toThrow('the command is empty');
  });
});
