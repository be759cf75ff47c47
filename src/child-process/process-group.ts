import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Sends `signal` to a process group; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const pollMs = 20;

/**
 * Ends what is left of a process group: SIGTERM, then SIGKILL after `graceMs` (at once when it is 0);
 * resolves once it is gone (or a second after the SIGKILL).
 */
export async function endGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL')) return;
  for (let waited = 0; waited < graceMs; waited += pollMs) {
    await delay(pollMs);
    if (!groupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
  for (let waited = 0; waited < 1000; waited += pollMs) {
    await delay(pollMs);
    if (!groupAlive(pgid)) return;
  }
}

/**
 * True while a process of the group runs. A zombie does not count: a process whose parent died
 * waits for init to reap it, which in a container may take a second or more, or never happen.
 */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    // No /proc (macOS): what kill says.
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (group === String(pgid) && state !== 'Z') return true;
  }
  return false;
}
