import type { DaemonInfo } from './daemon-file.ts';

/**
 * The dashboard's sign-in address: opened once, it keeps the token in the browser's HttpOnly
 * cookie and drops it from the address. Printed to the user's terminal, never to the daemon's log.
 */
export function dashboardUrl({ port, token }: Pick<DaemonInfo, 'port' | 'token'>): string {
  return `http://127.0.0.1:${port}/?token=${token}`;
}
