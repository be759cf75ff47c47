import type { Command } from 'commander';
import type { PassBackend } from '../run-pass/pass-backend.ts';
import { openSwarm, type Swarm } from '../swarm/open-swarm.ts';
import type { CliIo } from './cli-io.ts';

/** Opens the store named by the global `--dir` (else SWARM_DIR, else .swarm/), its passes run on `backend` (default: this process). */
export function openCliSwarm(io: CliIo, command: Command, backend?: PassBackend): Swarm {
  const { dir } = command.optsWithGlobals<{ dir?: string }>();
  return openSwarm({ dir, cwd: io.cwd, env: io.env, backend });
}
