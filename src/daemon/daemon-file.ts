import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/** What `<store>/daemon.json` says of the daemon serving a store. */
export interface DaemonInfo {
  pid: number;
  port: number;
  /** The bearer token of its HTTP API: 32 random bytes, hex. */
  token: string;
  /** When it started (ISO 8601). */
  started: string;
  /** The folder it runs in: its swarm.config.yaml, and where relative paths resolve. */
  cwd: string;
  version: string;
}

const daemonInfoSchema = z.object({ pid: z.number().int(), port: z.number().int(), token: z.string(), started: z.string(), cwd: z.string(), version: z.string() });

/** The daemon file of a store folder. */
export function daemonFilePath(storeDir: string): string {
  return path.join(storeDir, 'daemon.json');
}

/** Writes the daemon file, readable by its owner only (it holds the token), whole or not at all. */
export function writeDaemonFile(storeDir: string, info: DaemonInfo): void {
  const file = daemonFilePath(storeDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  // The mode given at creation is narrowed by the umask, never widened; set it outright.
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** What the daemon file says, or undefined when there is none (or it cannot be read). */
export function readDaemonFile(storeDir: string): DaemonInfo | undefined {
  let text: string;
  try {
    text = readFileSync(daemonFilePath(storeDir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) return undefined;
  const info = daemonInfoSchema.safeParse(parsed.value);
  return info.success ? info.data : undefined;
}

/** Removes the daemon file if it still names process `pid` (a newer daemon's is left alone). */
export function removeDaemonFile(storeDir: string, pid: number): void {
  if (readDaemonFile(storeDir)?.pid === pid) rmSync(daemonFilePath(storeDir), { force: true });
}
