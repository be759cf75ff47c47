#!/usr/bin/env node
// The `swarm` command. Plain JavaScript that any Node can parse, so that an old Node says what to
// do instead of failing on the `.ts` import with ERR_UNKNOWN_FILE_EXTENSION.
const minimumMajor = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < minimumMajor) {
  process.stderr.write(
    `swarm: Swarm needs Node ≥ ${minimumMajor}, and this is Node ${process.versions.node}. ` +
      'Run it with `npx swarm`, which uses the Node that `npm install` put in node_modules.\n',
  );
  process.exit(2);
}
await import('./swarm.ts');
