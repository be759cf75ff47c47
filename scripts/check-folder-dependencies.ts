/**
 * Checks that src/ folders depend on each other one way: prints every cycle between folders (from
 * the relative `import`/`export ... from` lines of non-test files), every import the simulator
 * makes outside itself and `mock-answer/` (the answer generator it shares with the mock model), and
 * every import of `mock-answer/` but of a leaf file (one that imports nothing from src). Exits 1 on any.
 *
 *   node scripts/check-folder-dependencies.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One import of a file in one src folder from a file in another. */
export interface FolderImport {
  from: string;
  to: string;
  /** The importing file, relative to the source root. */
  file: string;
  specifier: string;
  /** The imported file imports nothing from the source root itself. */
  leaf: boolean;
}

// The only folder the simulator may import from (besides its own): the shared answer generator.
const sharedAnswers = 'mock-answer';

/** Every import between two different top-level folders of `sourceRoot`. */
export function folderImports(sourceRoot: string): FolderImport[] {
  const specifiers = new Map(sourceFiles(sourceRoot).map((file) => [file, relativeSpecifiers(file)]));
  const imports: FolderImport[] = [];
  for (const [file, fileSpecifiers] of specifiers) {
    const from = topFolder(sourceRoot, file);
    for (const specifier of fileSpecifiers) {
      const target = path.resolve(path.dirname(file), specifier);
      const to = topFolder(sourceRoot, target);
      if (to !== from) imports.push({ from, to, file: path.relative(sourceRoot, file), specifier, leaf: (specifiers.get(target) ?? []).length === 0 });
    }
  }
  return imports;
}

/** The folder cycles (strongly connected groups of two or more folders), each sorted. */
export function folderCycles(imports: FolderImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Imports that let the simulator reach engine code: its own imports of anything but the shared
 * answer module, and that module's imports of anything but leaf files (pure functions).
 */
export function simulatorEngineImports(imports: FolderImport[]): FolderImport[] {
  return imports.filter(({ from, to, leaf }) => (from === 'simulator' && to !== sharedAnswers) || (from === sharedAnswers && !leaf));
}

function relativeSpecifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gm)].map((match) => match[1]!);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function topFolder(sourceRoot: string, file: string): string {
  const [first, ...rest] = path.relative(sourceRoot, file).split(path.sep);
  return rest.length === 0 ? '.' : first!;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sourceRoot = fileURLToPath(new URL('../src', import.meta.url));
  const imports = folderImports(sourceRoot);
  const cycles = folderCycles(imports);
  for (const cycle of cycles) {
    console.log(`cycle: ${cycle.join(' ↔ ')}`);
    for (const item of imports.filter(({ from, to }) => cycle.includes(from) && cycle.includes(to))) console.log(`  ${item.file} → ${item.specifier}`);
  }
  const simulator = simulatorEngineImports(imports);
  if (simulator.length > 0) console.log('the simulator imports engine code:');
  for (const item of simulator) console.log(`  ${item.file} → ${item.specifier}`);
  if (cycles.length === 0 && simulator.length === 0) console.log('folder dependencies point one way; the simulator imports no engine code');
  else process.exitCode = 1;
}
