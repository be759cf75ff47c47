#!/usr/bin/env node
import module from 'node:module';

// Node keeps compiled code of Swarm and its dependencies on disk between runs: a CLI that starts
// in ~180 ms instead of ~300.
module.enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
