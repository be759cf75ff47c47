// Every way out of the root we could think of, tried on every file tool: each is refused (or, for
// names that only look like escapes, stays inside), with a message naming the path, and nothing
// outside the root is read or written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ToolSet } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltInTools } from '../create-built-in-tools.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError, type RefusalReason } from '../tool-refused-error.ts';

type FileToolName = 'read_file' | 'list_files' | 'glob' | 'grep' | 'write_file' | 'edit_file';

const secretText = 'SENTINEL-SECRET-4711';
const environmentSecret = 'sk-proj-confinementtest0123456789abcdef';
// write_file goes last: for a name that only looks like an escape, it creates the file inside the root.
const allTools: FileToolName[] = ['read_file', 'list_files', 'glob', 'grep', 'edit_file', 'write_file'];
// Tools that take a file (not a folder) path.
const fileTools: FileToolName[] = ['read_file', 'grep', 'edit_file', 'write_file'];
// Paths into the real system are never written, even by mistake: the tests may run as root.
const withoutWrite = (tools: FileToolName[]) => tools.filter((name) => name !== 'write_file');

let base: string;
let root: string;
let outside: string;
let sentinel: string;
let tools: ToolSet;
let socketServer: net.Server;
let passwdBefore: string;

/** One escape attempt: the path, what every listed tool must answer, and which tools try it. */
interface Attempt {
  path: () => string;
  /** A refusal with this reason, `missing` for "no such file" (write_file then creates it inside the root), or `allowed`. */
  expect: RefusalReason | 'missing' | 'allowed';
  tools: FileToolName[];
}

const attempts: Record<string, Attempt> = {
  'parent of the root': { path: () => '..', expect: 'outside-root', tools: allTools },
  'parent with a slash': { path: () => '../', expect: 'outside-root', tools: allTools },
  'sibling file through ..': { path: () => '../outside/secret.txt', expect: 'outside-root', tools: allTools },
  'sibling folder through ./..': { path: () => './../outside', expect: 'outside-root', tools: allTools },
  '../../etc/passwd': { path: () => '../../etc/passwd', expect: 'outside-root', tools: withoutWrite(allTools) },
  '/etc/passwd': { path: () => '/etc/passwd', expect: 'outside-root', tools: withoutWrite(allTools) },
  '/etc': { path: () => '/etc', expect: 'outside-root', tools: withoutWrite(allTools) },
  'the file system root': { path: () => '/', expect: 'outside-root', tools: withoutWrite(allTools) },
  'a/../../x': { path: () => 'a/../../x', expect: 'outside-root', tools: allTools },
  'into a subfolder and out': { path: () => 'sub/../../outside/secret.txt', expect: 'outside-root', tools: allTools },
  'double slash and out': { path: () => 'sub//../../outside', expect: 'outside-root', tools: allTools },
  'new folder and out': { path: () => 'new-dir/../../outside/new.txt', expect: 'outside-root', tools: allTools },
  'absolute path outside': { path: () => path.join(outside, 'secret.txt'), expect: 'outside-root', tools: allTools },
  'absolute path through the root and out': { path: () => `${root}/../outside/secret.txt`, expect: 'outside-root', tools: allTools },
  'sibling sharing the root as a prefix': { path: () => `${root}-evil/secret.txt`, expect: 'outside-root', tools: allTools },
  'symlink to /etc': { path: () => 'link-etc', expect: 'outside-root', tools: withoutWrite(allTools) },
  'file under a symlink to /etc': { path: () => 'link-etc/passwd', expect: 'outside-root', tools: withoutWrite(allTools) },
  'symlink to a file outside': { path: () => 'link-outside-file', expect: 'outside-root', tools: allTools },
  'symlinked parent folder': { path: () => 'link-outside-dir/secret.txt', expect: 'outside-root', tools: allTools },
  'symlink to a folder outside': { path: () => 'link-outside-dir', expect: 'outside-root', tools: allTools },
  'new file under a symlinked folder': { path: () => 'link-outside-dir/new.txt', expect: 'outside-root', tools: allTools },
  'relative symlink up': { path: () => 'relative-up/secret.txt', expect: 'outside-root', tools: allTools },
  'relative symlink in a subfolder': { path: () => 'sub/link-up/secret.txt', expect: 'outside-root', tools: allTools },
  'symlink to the root parent': { path: () => 'link-root-parent/outside/secret.txt', expect: 'outside-root', tools: allTools },
  'subfolder, up, then a symlink out': { path: () => 'sub/../link-outside-file', expect: 'outside-root', tools: allTools },
  'absolute path to a symlink out': { path: () => path.join(root, 'link-outside-file'), expect: 'outside-root', tools: allTools },
  'symlink loop': { path: () => 'loop-a', expect: 'outside-root', tools: allTools },
  'broken symlink leading out': { path: () => 'dangling-out', expect: 'outside-root', tools: allTools },
  'under a broken symlink leading out': { path: () => 'dangling-out/child.txt', expect: 'outside-root', tools: allTools },
  'broken symlink inside': { path: () => 'dangling-inside', expect: 'outside-root', tools: allTools },
  'hard link to a file outside': { path: () => 'hardlink.txt', expect: 'hard-link', tools: fileTools },
  'symlink to /proc/self/environ': { path: () => 'proc-link', expect: 'outside-root', tools: withoutWrite(allTools) },
  '/proc/self/environ': { path: () => '/proc/self/environ', expect: 'outside-root', tools: withoutWrite(allTools) },
  '/proc/self/root': { path: () => '/proc/self/root/etc/passwd', expect: 'outside-root', tools: withoutWrite(allTools) },
  '/dev/zero': { path: () => '/dev/zero', expect: 'outside-root', tools: withoutWrite(allTools) },
  'symlink to /dev/zero': { path: () => 'dev-link', expect: 'outside-root', tools: withoutWrite(allTools) },
  'a FIFO': { path: () => 'fifo', expect: 'special-file', tools: fileTools },
  'a socket file': { path: () => 'socket', expect: 'special-file', tools: fileTools },
  'null byte': { path: () => 'notes\0.txt', expect: 'invalid-path', tools: allTools },
  'null byte then an escape': { path: () => 'notes.txt\0../../etc/passwd', expect: 'invalid-path', tools: allTools },
  'file over the size limit': { path: () => 'big.txt', expect: 'too-large', tools: ['read_file', 'grep', 'edit_file'] },
  'binary file': { path: () => 'binary.bin', expect: 'binary', tools: ['read_file', 'grep', 'edit_file'] },
  'a file made a symlink after listing': { path: () => 'swapped.txt', expect: 'outside-root', tools: fileTools },
  '..%2f literal': { path: () => '..%2f..%2foutside%2fsecret.txt', expect: 'missing', tools: allTools },
  '%2e%2e literal': { path: () => '%2e%2e/outside/secret.txt', expect: 'missing', tools: allTools },
  'backslashes are names on POSIX': { path: () => '..\\outside\\secret.txt', expect: 'missing', tools: allTools },
  'tilde is a name': { path: () => '~/.ssh/id_rsa', expect: 'missing', tools: allTools },
  'up a symlink is resolved by name, inside': { path: () => 'link-outside-dir/../outside/secret.txt', expect: 'missing', tools: withoutWrite(allTools) },
  'absolute path inside the root': { path: () => path.join(root, 'notes.txt'), expect: 'allowed', tools: ['read_file', 'grep'] },
};

/** Calls a file tool the way the AI SDK would, with a path in the field it takes. */
function callTool(name: FileToolName, requested: string): Promise<unknown> {
  const input: Record<FileToolName, Record<string, unknown>> = {
    read_file: { path: requested },
    list_files: { path: requested },
    glob: { pattern: '*', path: requested },
    grep: { pattern: 'SENTINEL', path: requested },
    write_file: { path: requested, content: 'PWNED' },
    edit_file: { path: requested, old_string: 'SENTINEL', new_string: 'PWNED' },
  };
  return Promise.resolve(tools[name]!.execute!(input[name] as never, { toolCallId: 'call-1', messages: [], context: {} }));
}

/** Every file under `folder` with its content, links not followed. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, file)] = entry.isFile() ? fs.readFileSync(file, 'utf8') : entry.isSymbolicLink() ? `-> ${fs.readlinkSync(file)}` : '(folder)';
  }
  return files;
}

let outsideBefore: Record<string, string>;

beforeAll(async () => {
  process.env.SWARM_CONFINEMENT_TEST_API_KEY = environmentSecret;
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-tools-confinement-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  sentinel = path.join(outside, 'secret.txt');
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  fs.mkdirSync(outside);
  fs.mkdirSync(`${root}-evil`);
  fs.writeFileSync(`${root}-evil/secret.txt`, secretText);
  fs.writeFileSync(sentinel, secretText);
  fs.writeFileSync(path.join(root, 'notes.txt'), 'hello SENTINEL-free notes\n');
  fs.writeFileSync(path.join(root, 'swapped.txt'), 'an ordinary file, for now\n');
  fs.writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(5000));
  fs.writeFileSync(path.join(root, 'binary.bin'), Buffer.from([0x53, 0x45, 0x4e, 0, 1, 2, 3]));
  fs.symlinkSync('/etc', path.join(root, 'link-etc'));
  fs.symlinkSync(sentinel, path.join(root, 'link-outside-file'));
  fs.symlinkSync(outside, path.join(root, 'link-outside-dir'));
  fs.symlinkSync('../outside', path.join(root, 'relative-up'));
  fs.symlinkSync('../../outside', path.join(root, 'sub', 'link-up'));
  fs.symlinkSync('..', path.join(root, 'link-root-parent'));
  fs.symlinkSync('/proc/self/environ', path.join(root, 'proc-link'));
  fs.symlinkSync('/dev/zero', path.join(root, 'dev-link'));
  fs.symlinkSync('loop-b', path.join(root, 'loop-a'));
  fs.symlinkSync('loop-a', path.join(root, 'loop-b'));
  fs.symlinkSync(path.join(outside, 'does-not-exist'), path.join(root, 'dangling-out'));
  fs.symlinkSync(path.join(root, 'nothing-here'), path.join(root, 'dangling-inside'));
  fs.linkSync(sentinel, path.join(root, 'hardlink.txt'));
  execFileSync('mkfifo', [path.join(root, 'fifo')]);
  socketServer = net.createServer();
  await new Promise<void>((resolve) => socketServer.listen(path.join(root, 'socket'), resolve));
  tools = createBuiltInTools(['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file'], { root, maxFileBytes: 1000 });
  // The model lists the folder, sees a plain file, and only then is it swapped for a link out.
  expect(await callTool('list_files', '.')).toMatch(/file\t\d+\tswapped\.txt/);
  fs.rmSync(path.join(root, 'swapped.txt'));
  fs.symlinkSync(sentinel, path.join(root, 'swapped.txt'));
  outsideBefore = snapshot(outside);
  passwdBefore = fs.readFileSync('/etc/passwd', 'utf8');
});

afterAll(async () => {
  delete process.env.SWARM_CONFINEMENT_TEST_API_KEY;
  await new Promise((resolve) => socketServer.close(resolve));
  fs.rmSync(base, { recursive: true, force: true });
  fs.rmSync(`${base}-evil`, { recursive: true, force: true });
});

describe('file tool confinement', () => {
  it(`tries ${Object.keys(attempts).length} escapes`, () => {
    expect(Object.keys(attempts).length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, attempt] of Object.entries(attempts)) {
    for (const toolName of attempt.tools) {
      it(`${name}: ${toolName}`, async () => {
        const requested = attempt.path();
        const outcome = await callTool(toolName, requested).then(
          (output) => ({ output }),
          (error: unknown) => ({ error }),
        );
        if (attempt.expect === 'allowed' || (attempt.expect === 'missing' && toolName === 'write_file')) {
          expect(outcome).not.toHaveProperty('error');
          if (toolName === 'write_file') expect(fs.realpathSync(path.resolve(root, requested)).startsWith(fs.realpathSync(root) + path.sep)).toBe(true);
          return;
        }
        expect(outcome).toHaveProperty('error');
        const error = (outcome as { error: Error }).error;
        if (attempt.expect === 'missing') {
          expect(ToolFailedError.isInstance(error), error.message).toBe(true);
          expect(error.message).toMatch(/no such file or folder/);
        } else {
          expect(ToolRefusedError.isInstance(error), error.message).toBe(true);
          expect((error as ToolRefusedError).reason).toBe(attempt.expect);
          expect(error.message).toMatch(/^refused: /);
        }
        expect(error.message).toContain(JSON.stringify(requested));
        expect(error.message).not.toContain(secretText);
        expect(error.message).not.toContain(environmentSecret);
      });
    }
  }

  it('leaves everything outside the root as it was', () => {
    expect(snapshot(outside)).toEqual(outsideBefore);
    expect(fs.readFileSync(sentinel, 'utf8')).toBe(secretText);
    expect(fs.readFileSync(`${root}-evil/secret.txt`, 'utf8')).toBe(secretText);
    expect(fs.readFileSync('/etc/passwd', 'utf8')).toBe(passwdBefore);
  });

  it('skips links leading out when walking folders, and says so', async () => {
    const globbed = String(await callTool('glob', '.'));
    expect(globbed).toContain('notes.txt');
    expect(globbed).not.toMatch(/link-outside-file|swapped\.txt/);
    expect(globbed).toMatch(/matches left out: they lead outside the working folder/);
    const grepped = String(await tools.grep!.execute!({ pattern: 'SENTINEL|PWNED|hello' }, { toolCallId: 'call-2', messages: [], context: {} }));
    expect(grepped).toContain('notes.txt:1: hello SENTINEL-free notes');
    expect(grepped).not.toContain(secretText);
    expect(grepped).toMatch(/files skipped: .*1 binary.*1 over the size limit/);
  });

  it('refuses glob patterns that reach up or are absolute', async () => {
    for (const pattern of ['../*', '**/../../*', '{..,sub}/*', '/etc/*', 'a\0b']) {
      const error = await Promise.resolve(tools.glob!.execute!({ pattern }, { toolCallId: 'call-3', messages: [], context: {} })).catch((caught: unknown) => caught);
      expect(ToolRefusedError.isInstance(error), pattern).toBe(true);
      expect((error as ToolRefusedError).reason).toBe('invalid-path');
    }
  });

  it('refuses /proc, /sys and /dev even when the root is / (read-only tools only: nothing here writes)', async () => {
    const wholeDisk = createBuiltInTools(['read_file', 'list_files'], { root: '/' });
    for (const [name, requested] of [['read_file', '/proc/self/environ'], ['read_file', 'proc/self/environ'], ['read_file', '/dev/zero'], ['list_files', '/proc'], ['list_files', '/sys/kernel']] as const) {
      const error = await Promise.resolve(wholeDisk[name]!.execute!({ path: requested } as never, { toolCallId: 'call-4', messages: [], context: {} })).catch((caught: unknown) => caught);
      expect(ToolRefusedError.isInstance(error), `${name} ${requested}`).toBe(true);
      expect((error as ToolRefusedError).reason).toBe('system-folder');
      expect((error as Error).message).not.toContain(environmentSecret);
    }
  });
});
