import type { Command } from 'commander';
import path from 'node:path';
import { openStore, storeExists } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './cli-io.ts';

/** The store folder named by the global `--dir`, else SWARM_DIR, else .swarm/ in the working directory. */
export function cliStoreDir(io: CliIo, command: Command): string {
  const { dir } = command.optsWithGlobals<{ dir?: string }>();
  return path.resolve(io.cwd, dir ?? io.env.SWARM_DIR ?? '.swarm');
}

/**
 * Opens the store for a command that only reads it, without reading the config: undefined when
 * there is no store yet, which is then not created (a `swarm tables` in the wrong folder leaves
 * nothing behind).
 */
export function openExistingStore(io: CliIo, command: Command): Store | undefined {
  const dir = cliStoreDir(io, command);
  return storeExists(dir) ? openStore(dir) : undefined;
}
