#!/usr/bin/env node
import module from 'node:module';

// Node keeps compiled code of Swarm and its dependencies on disk between runs: a CLI that starts
// in ~180 ms instead of ~300.
module.enableCompileCache?.();

// A reader that goes away (`swarm rows T | head -1`) is not an error: stop quietly, as `cat` does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const { main } = await import('../src/cli/main.ts');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
