import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../errors/index.ts';
import { validateTableSource } from './validate-table-source.ts';

function messageOf(source: unknown): string {
  try {
    validateTableSource(source);
  } catch (error) {
    expect(InvalidInputError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected validateTableSource to throw');
}

describe('validateTableSource', () => {
  it('accepts each of the four shapes', () => {
    expect(validateTableSource({ tasks: [{ id: 1 }] })).toEqual({ tasks: [{ id: 1 }] });
    expect(validateTableSource({ glob: 'src/*.ts' })).toEqual({ glob: 'src/*.ts' });
    expect(validateTableSource({ glob: ['a/*', 'b/*'] })).toEqual({ glob: ['a/*', 'b/*'] });
    expect(validateTableSource({ filePaths: [] })).toEqual({ filePaths: [] });
    expect(validateTableSource({ file: 'rows.jsonl' })).toEqual({ file: 'rows.jsonl' });
  });

  it('rejects a non-object source', () => {
    expect(messageOf('rows.jsonl')).toMatch(/must be an object .*; got a string/);
    expect(messageOf(null)).toMatch(/got null/);
    expect(messageOf([])).toMatch(/got an array/);
  });

  it('needs exactly one key and names unknown ones', () => {
    expect(messageOf({})).toMatch(/needs one of `tasks`, `glob`, `filePaths` or `file`/);
    expect(messageOf({ tasks: [], glob: 'x' })).toMatch(/has `tasks` and `glob`; give exactly one/);
    expect(messageOf({ files: ['a'] })).toMatch(/unknown key\(s\) `files`/);
  });

  it('names the bad task by index', () => {
    expect(messageOf({ tasks: 'x' })).toBe('`tasks` must be an array of objects; got a string');
    expect(messageOf({ tasks: [{}, {}, {}, 'x'] })).toBe('`tasks` must be an array of objects; tasks[3] is a string');
    expect(messageOf({ tasks: [new Date()] })).toMatch(/tasks\[0\] is an object/);
  });

  it('rejects bad glob, filePaths and file values', () => {
    expect(messageOf({ glob: [] })).toMatch(/at least one pattern/);
    expect(messageOf({ glob: ['a', 3] })).toMatch(/glob\[1\] is a number/);
    expect(messageOf({ glob: '' })).toMatch(/it is an empty string/);
    expect(messageOf({ filePaths: 'a.ts' })).toMatch(/`filePaths` must be an array of paths; got a string/);
    expect(messageOf({ filePaths: ['a.ts', null] })).toMatch(/filePaths\[1\] is null/);
    expect(messageOf({ file: 3 })).toMatch(/`file` must be a path .*; got a number/);
  });
});
