import { Command } from 'commander';
import { bridgeMcpStdio } from '../../daemon-client/bridge-mcp-stdio.ts';
import { daemonForStore } from '../daemon-for-store.ts';
import { serveMcpStdio } from '../../mcp-server/serve-mcp-stdio.ts';
import { createRunManager } from '../../runs/create-run-manager.ts';
import { runKinds } from '../../runs/run-kinds.ts';
import { runsStatus } from '../../runs/runs-status.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { swarmVersion } from '../swarm-version.ts';

/** `swarm mcp`: the MCP server on stdio, for an agent (Claude Code, Cursor, Codex…) to start. */
export function mcpCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('mcp')
    .description(
      'serve the MCP server on stdin/stdout (tools swarm_create, swarm_run, swarm_rows, swarm_status, swarm_parallel, swarm_plan, swarm_research; tasks and progress notifications), for an MCP client to start. While a daemon (swarm start) serves the store from this folder, it forwards to the daemon\'s /mcp, so its runs share the daemon\'s limiters (SWARM_DAEMON=off: never); otherwise it runs them itself, and runs it left unfinished resume when it starts again',
    )
    .addHelpText('after', '\nExample:\n  swarm mcp   # started by an MCP client; add it to Claude Code with: claude mcp add swarm -- npx swarm mcp\n')
    .action(async (_flags: object, command: Command) => {
      const swarm = openCliSwarm(io, command);
      // With a daemon serving the store, its /mcp serves the client: one limiter for every run.
      const daemon = daemonForStore(io, swarm.dir);
      if (daemon !== undefined) {
        swarm.close();
        await bridgeMcpStdio(daemon.daemon);
        setExitCode(exitCodes.ok);
        return;
      }
      // stdout is the protocol's: the runs' log goes to stderr, and only when debugging.
      const log = io.env.SWARM_DEBUG ? (line: string) => io.stderr.write(`swarm mcp: ${line}\n`) : undefined;
      const runs = createRunManager({ context: swarm.context, kinds: runKinds, log });
      try {
        runs.resumeAbandoned();
        await serveMcpStdio({ swarm, runs, status: () => ({ pid: process.pid, store: swarm.dir, ...runsStatus(swarm.context, runs) }) }, { version: swarmVersion() });
        await runs.stop({ timeoutMs: 5_000 });
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}
