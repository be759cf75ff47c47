import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandPlaceholdersOf, fillCommand, unsafePlaceholder } from './command-template.ts';
import { shellQuote } from './shell-quote.ts';

describe('command templates', () => {
  it('name columns with {column} and {{ column }}, never ${NAME}, and leave a {{name}} of no column as text', () => {
    expect(commandPlaceholdersOf('cp {file} "${HOME}/out" && echo {{ text }} {{other}} {id}', ['file', 'text', 'id'])).toEqual(['file', 'text', 'id']);
    expect(commandPlaceholdersOf("awk '{print $1}' {file}", ['file'])).toEqual(['file']);
    expect(commandPlaceholdersOf('echo {unknown}', ['text'])).toEqual(['unknown']);
  });

  it('fill each placeholder with its word, leaving everything else as written', () => {
    const line = fillCommand('echo {{ text }} ${HOME} {{other}} {id}', ['text', 'id'], (name) => shellQuote(`<${name}>`));
    expect(line).toBe("echo '<text>' ${HOME} {{other}} '<id>'");
  });

  it('quote any value into one word sh reads back exactly', () => {
    const hostile = ["it's", '$(touch pwned)', '`touch pwned`', ';rm -rf /', 'two\nlines', '$HOME', '*', "'", "''\\'", '"; echo "', ''];
    for (const value of hostile) {
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
    }
  });

  it('refuse a placeholder inside quotes, backticks or a here-document, and allow it bare', () => {
    expect(unsafePlaceholder('printf %s {text} > out.txt; echo "done" \'x\'', ['text'])).toBeUndefined();
    expect(unsafePlaceholder('echo "\\"" {text}', ['text'])).toBeUndefined();
    expect(unsafePlaceholder('echo --name={text} <<< {text}', ['text'])).toBeUndefined();
    expect(unsafePlaceholder('echo "{text}"', ['text'])).toMatch(/^\{text\} stands inside "…" quotes in the command; write it bare/);
    expect(unsafePlaceholder("echo '{text}'", ['text'])).toContain("inside '…' quotes");
    expect(unsafePlaceholder('echo `cat {file}`', ['file'])).toContain('backticks');
    expect(unsafePlaceholder('cat <<EOF\n{text}\nEOF', ['text'])).toContain('here-document');
    expect(unsafePlaceholder('echo $(( {n} + 1 ))', ['n'])).toContain('inside $((…))');
    expect(unsafePlaceholder('echo $(( 1 + 1 )) {n} $(cat {n})', ['n'])).toBeUndefined();
    // A placeholder naming no column is text, wherever it stands.
    expect(unsafePlaceholder('echo "{{other}}" {text}', ['text'])).toBeUndefined();
  });
});
