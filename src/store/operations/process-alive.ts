import { readFileSync } from 'node:fs';

/** Whether process `pid` of this machine runs (a zombie, killed but not yet reaped, does not). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

// A process killed but not yet reaped by its parent (a zombie) still answers signal 0; it runs
// nothing. Linux shows its state in /proc (the field after the command name, which may hold ')').
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
