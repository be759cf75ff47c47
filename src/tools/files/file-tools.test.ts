import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToolSet } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxToolOutputCharacters } from '../cap-tool-output.ts';
import { createBuiltInTools } from '../create-built-in-tools.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { createLineSearcher } from './line-searcher.ts';

let root: string;
let tools: ToolSet;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-file-tools-'));
  tools = createBuiltInTools(['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file'], { root, maxFileBytes: 200_000 });
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

async function call(name: string, input: Record<string, unknown>): Promise<string> {
  return String(await tools[name]!.execute!(input as never, { toolCallId: 'call-1', messages: [], context: {} }));
}

async function failure(name: string, input: Record<string, unknown>): Promise<Error> {
  return call(name, input).then(
    (output) => {
      throw new Error(`expected ${name} to fail, it answered: ${output}`);
    },
    (error: Error) => error,
  );
}

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

describe('read_file', () => {
  it('numbers lines like cat -n, from offset for limit lines, and says how to read on', async () => {
    write('ten.txt', lines(10));
    expect(await call('read_file', { path: 'ten.txt' })).toBe(lines(10).split('\n').slice(0, -1).map((line, index) => `${String(index + 1).padStart(6)}\t${line}\n`).join(''));
    expect(await call('read_file', { path: 'ten.txt', offset: 4, limit: 2 })).toBe('     4\tline 4\n     5\tline 5\n[lines 4-5 of 10 shown; read on with offset=6]\n');
    expect(await call('read_file', { path: 'ten.txt', offset: 9 })).toBe('     9\tline 9\n    10\tline 10\n');
    expect((await failure('read_file', { path: 'ten.txt', offset: 11 })).message).toBe('offset 11 is past the end of "ten.txt", which has 10 lines');
  });

  it('reads 2000 lines by default, and keeps under the output cap at a line boundary', async () => {
    write('many.txt', 'x\n'.repeat(2500));
    expect(await call('read_file', { path: 'many.txt' })).toMatch(/ {2}2000\tx\n\[lines 1-2000 of 2500 shown; read on with offset=2001\]\n$/);
    write('numbered.txt', lines(2500));
    expect(await call('read_file', { path: 'numbered.txt' })).toMatch(/ {2}1935\tline 1935\n\[lines 1-1935 of 2500 shown; read on with offset=1936\]\n$/);
    write('wide.txt', Array.from({ length: 100 }, () => 'w'.repeat(1000)).join('\n'));
    const wide = await call('read_file', { path: 'wide.txt' });
    expect(wide.length).toBeLessThanOrEqual(maxToolOutputCharacters);
    expect(wide).toMatch(/\[lines 1-31 of 100 shown; read on with offset=32\]\n$/);
  });

  it('cuts very long lines, reads an empty file, and handles CRLF', async () => {
    write('long.txt', 'x'.repeat(5000));
    expect(await call('read_file', { path: 'long.txt' })).toBe(`     1\t${'x'.repeat(2000)} [line cut: 5000 characters]\n`);
    write('empty.txt', '');
    expect(await call('read_file', { path: 'empty.txt' })).toBe('("empty.txt" is empty)');
    write('crlf.txt', 'a\r\nb\r\n');
    expect(await call('read_file', { path: 'crlf.txt' })).toBe('     1\ta\n     2\tb\n');
  });
});

describe('edit_file', () => {
  it('replaces one exact occurrence, taking new_string literally', async () => {
    write('a.ts', 'const x = 1;\nconst y = 2;\n');
    expect(await call('edit_file', { path: 'a.ts', old_string: 'const y = 2;', new_string: "const y = '$&$1';" })).toBe('replaced 1 occurrence in "a.ts"');
    expect(fs.readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe("const x = 1;\nconst y = '$&$1';\n");
  });

  it('fails when old_string is absent, with the file unchanged', async () => {
    write('a.ts', 'const x = 1;\n');
    const error = await failure('edit_file', { path: 'a.ts', old_string: 'const  x', new_string: 'let x' });
    expect(ToolFailedError.isInstance(error)).toBe(true);
    expect(error.message).toBe('old_string was not found in "a.ts"; it must match exactly, whitespace and indentation included');
    expect(fs.readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe('const x = 1;\n');
  });

  it('fails when old_string is ambiguous, and replaces every one with replace_all', async () => {
    write('a.ts', 'foo(); foo(); foo();\n');
    const error = await failure('edit_file', { path: 'a.ts', old_string: 'foo()', new_string: 'bar()' });
    expect(error.message).toBe('old_string appears 3 times in "a.ts"; include more surrounding text to make it unique, or set replace_all to replace every one');
    expect(fs.readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe('foo(); foo(); foo();\n');
    expect(await call('edit_file', { path: 'a.ts', old_string: 'foo()', new_string: 'bar()', replace_all: true })).toBe('replaced 3 occurrences in "a.ts"');
    expect(fs.readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe('bar(); bar(); bar();\n');
  });

  it('shrinks a file cleanly, and refuses empty or no-op edits', async () => {
    write('a.txt', 'keep REMOVE-THIS-LONG-PART keep\n');
    await call('edit_file', { path: 'a.txt', old_string: ' REMOVE-THIS-LONG-PART', new_string: '' });
    expect(fs.readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('keep keep\n');
    expect((await failure('edit_file', { path: 'a.txt', old_string: '', new_string: 'x' })).message).toMatch(/old_string is empty/);
    expect((await failure('edit_file', { path: 'a.txt', old_string: 'keep', new_string: 'keep' })).message).toMatch(/nothing would change/);
  });
});

describe('write_file', () => {
  it('creates the folders above a new file, and replaces an existing one', async () => {
    expect(await call('write_file', { path: 'a/b/c.txt', content: 'one\n' })).toBe('created "a/b/c.txt" (4 bytes)');
    expect(await call('write_file', { path: 'a/b/c.txt', content: 'two' })).toBe('replaced "a/b/c.txt" (3 bytes)');
    expect(fs.readFileSync(path.join(root, 'a/b/c.txt'), 'utf8')).toBe('two');
    expect(fs.statSync(path.join(root, 'a/b/c.txt')).mode & 0o111).toBe(0);
  });

  it('refuses content over the size limit and a folder as the target', async () => {
    const tooLarge = await failure('write_file', { path: 'big.txt', content: 'x'.repeat(200_001) });
    expect(ToolRefusedError.isInstance(tooLarge) && tooLarge.reason).toBe('too-large');
    expect(fs.existsSync(path.join(root, 'big.txt'))).toBe(false);
    fs.mkdirSync(path.join(root, 'folder'));
    expect((await failure('write_file', { path: 'folder', content: 'x' })).message).toBe('"folder" is a folder; give a file path');
    write('file.txt', 'x');
    expect((await failure('write_file', { path: 'file.txt/inner.txt', content: 'x' })).message).toMatch(/a part of the path is a file/);
  });
});

describe('list_files', () => {
  it('lists type, size and name, links not followed', async () => {
    write('b.txt', '12345');
    write('a/x.txt', '');
    fs.symlinkSync('b.txt', path.join(root, 'c'));
    expect(await call('list_files', {})).toBe('type\tbytes\tname\ndir\t\ta/\nfile\t5\tb.txt\nsymlink\t\tc');
    expect(await call('list_files', { path: 'a' })).toBe('type\tbytes\tname\nfile\t0\tx.txt');
    expect((await failure('list_files', { path: 'b.txt' })).message).toMatch(/is a file, not a folder/);
  });
});

describe('glob', () => {
  it('lists matching files relative to the root, sorted, hidden ones only when named', async () => {
    write('src/b.ts', '');
    write('src/a.ts', '');
    write('src/deep/c.ts', '');
    write('src/d.js', '');
    write('.hidden/e.ts', '');
    expect(await call('glob', { pattern: '**/*.ts' })).toBe('src/a.ts\nsrc/b.ts\nsrc/deep/c.ts');
    expect(await call('glob', { pattern: '*.{ts,js}', path: 'src' })).toBe('src/a.ts\nsrc/b.ts\nsrc/d.js');
    expect(await call('glob', { pattern: '.hidden/*' })).toBe('.hidden/e.ts');
    expect(await call('glob', { pattern: '*.py' })).toBe('no files match "*.py" in "."');
  });

  it('stops at 1000 files and says so', async () => {
    for (let index = 0; index < 1005; index++) write(`many/f${index}.txt`, '');
    const output = await call('glob', { pattern: 'many/*.txt' });
    expect(output.split('\n')).toHaveLength(1001);
    expect(output).toMatch(/\[more than 1000 files match; only the first 1000 found are shown; narrow the pattern\]$/);
  });
});

describe('grep', () => {
  it('answers file:line: text for a JS regular expression, under a folder or in one file, filtered by a glob', async () => {
    write('src/a.ts', 'export function alpha() {}\nconst x = 1;\n');
    write('src/deep/b.ts', 'function beta() {}\n');
    write('notes.md', 'function in prose\n');
    expect(await call('grep', { pattern: 'function\\s+\\w+\\(' })).toBe('src/a.ts:1: export function alpha() {}\nsrc/deep/b.ts:1: function beta() {}');
    expect(await call('grep', { pattern: 'function', glob: '*.md' })).toBe('notes.md:1: function in prose');
    expect(await call('grep', { pattern: 'FUNCTION', path: 'src/deep/b.ts' })).toBe('no matches for "FUNCTION" in "src/deep/b.ts"');
    expect(await call('grep', { pattern: '(?i:FUNCTION) beta', path: 'src/deep/b.ts' })).toBe('src/deep/b.ts:1: function beta() {}');
  });

  it('skips binary and oversize files and says how many', async () => {
    write('text.txt', 'needle\n');
    write('binary.bin', Buffer.concat([Buffer.from('needle'), Buffer.from([0])]));
    write('big.txt', `needle\n${'x'.repeat(200_001)}`);
    expect(await call('grep', { pattern: 'needle' })).toBe('text.txt:1: needle\n[files skipped: 1 binary, 1 over the size limit]');
  });

  it('stops at 500 matches and cuts long lines', async () => {
    write('many.txt', Array.from({ length: 600 }, () => 'hit').join('\n'));
    const output = await call('grep', { pattern: 'hit' });
    expect(output.split('\n')).toHaveLength(501);
    expect(output).toMatch(/\[stopped at 500 matches; narrow the pattern, path or glob\]$/);
    write('wide.txt', `hit${'y'.repeat(1000)}`);
    expect(await call('grep', { pattern: 'hit', path: 'wide.txt' })).toBe(`wide.txt:1: hit${'y'.repeat(297)} [line cut]`);
  });

  it('fails on an invalid regular expression', async () => {
    const error = await failure('grep', { pattern: '(unclosed' });
    expect(ToolFailedError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^invalid regular expression: /);
  });

  it('stops a catastrophically backtracking expression instead of blocking the process', () => {
    const search = createLineSearcher('^(a+)+$', { timeBudgetMs: 100 });
    expect(search('aaa\nb\naaaa', 10)).toEqual([{ number: 1, text: 'aaa' }, { number: 3, text: 'aaaa' }]);
    const started = performance.now();
    expect(() => search(`${'a'.repeat(40)}b`, 10)).toThrow('the regular expression took more than 100 ms to run; use a simpler one');
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
