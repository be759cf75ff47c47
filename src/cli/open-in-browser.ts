import { spawn } from 'node:child_process';

/** The program that opens an address in the user's browser on this platform, and its arguments. */
function opener(url: string, platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd.exe built-in; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in the default browser (`open`, `start`, `xdg-open`); resolves false when there is
 * no such program or it failed (a server without a desktop), so the caller can print the address.
 */
export function openInBrowser(url: string, { platform = process.platform, env = process.env }: { platform?: NodeJS.Platform; env?: Record<string, string | undefined> } = {}): Promise<boolean> {
  const { command, args } = opener(url, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', env, detached: platform !== 'win32' });
    child.once('error', () => resolve(false));
    // The openers return once the browser has the address; the browser itself lives on (detached).
    child.once('exit', (code) => resolve(code === 0));
  });
}
