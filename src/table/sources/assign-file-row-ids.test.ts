import { describe, expect, it } from 'vitest';
import { assignFileRowIds } from './assign-file-row-ids.ts';

describe('assignFileRowIds', () => {
  const cwd = '/project';

  it('uses base names when they are unique', () => {
    expect(assignFileRowIds(['src/a.ts', 'src/b.ts', 'README.md'], cwd)).toEqual(['a.ts', 'b.ts', 'README.md']);
  });

  it('adds parent folders only to files sharing a base name', () => {
    expect(assignFileRowIds(['x/a.ts', 'y/a.ts', 'x/b.ts'], cwd)).toEqual(['x/a.ts', 'y/a.ts', 'b.ts']);
  });

  it('adds as many folders as needed, for the whole group', () => {
    expect(assignFileRowIds(['p/x/a.ts', 'q/x/a.ts', 'r/a.ts'], cwd)).toEqual(['p/x/a.ts', 'q/x/a.ts', 'r/a.ts']);
    expect(assignFileRowIds(['a.ts', 'x/a.ts'], cwd)).toEqual(['a.ts', 'x/a.ts']);
  });

  it('normalizes paths first and tells apart files outside cwd', () => {
    expect(assignFileRowIds(['./x/../a.ts', '/project/b/c.ts'], cwd)).toEqual(['a.ts', 'c.ts']);
    expect(assignFileRowIds(['../other/x/a.ts', 'x/a.ts'], cwd)).toEqual(['other/x/a.ts', 'x/a.ts']);
  });
});
