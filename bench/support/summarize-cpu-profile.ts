/**
 * Prints where a `.cpuprofile` (from `run-all.ts --cpu-prof <dir>`) spends its time: the top
 * functions by self time, then self time per source file.
 *
 *   node bench/support/summarize-cpu-profile.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (file === undefined) {
  console.error('usage: node bench/support/summarize-cpu-profile.ts <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(values.top);

const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let totalMicroseconds = 0;
profile.samples.forEach((nodeId, index) => {
  const microseconds = profile.timeDeltas[index] ?? 0;
  const { functionName, url, lineNumber } = nodesById.get(nodeId)!.callFrame;
  const where = shortUrl(url);
  const functionKey = `${functionName || '(anonymous)'}  ${where}${url === '' ? '' : `:${lineNumber + 1}`}`;
  byFunction.set(functionKey, (byFunction.get(functionKey) ?? 0) + microseconds);
  byFile.set(where, (byFile.get(where) ?? 0) + microseconds);
  totalMicroseconds += microseconds;
});

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, microseconds] of [...entries].sort((left, right) => right[1] - left[1]).slice(0, top)) {
    console.log(`${((100 * microseconds) / totalMicroseconds).toFixed(1).padStart(5)} %  ${(microseconds / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  }
};
console.log(`${file}: ${(totalMicroseconds / 1000).toFixed(0)} ms sampled`);
print('self time by function', byFunction);
print('self time by file', byFile);

// Paths inside the project and node_modules, shortened; Node internals and natives keep their names.
function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) return url.slice(modules + '/node_modules/'.length);
  const source = url.search(/\/(src|bench)\//);
  return source === -1 ? url.replace(/^file:\/\//, '') : url.slice(source + 1);
}
