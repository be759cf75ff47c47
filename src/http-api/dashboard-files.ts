import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm install` (the `prepare` script) builds the dashboard: `dashboard/dist` in the package. */
export const dashboardBuildDir = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// The page may load only its own scripts and styles (uPlot sizes its canvas with inline styles), talk only to this daemon, and not be framed.
const pageHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * A file of the built dashboard as a response: `index.html` or one of `assets/` (names as Vite
 * writes them; anything else, a path outside included, is undefined). Before the build has run, the
 * page says how to build it.
 */
export function dashboardFile(name: string, { dir = dashboardBuildDir }: { dir?: string } = {}): Response | undefined {
  if (name !== 'index.html' && !/^assets\/[\w.-]+$/.test(name)) return undefined;
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    if (name !== 'index.html') return undefined;
    const text = `The dashboard is not built: run npm install (or npm run build:dashboard) in ${path.resolve(dir, '../..')}.\n`;
    return new Response(text, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', ...pageHeaders } });
  }
  const cache = name === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable';
  return new Response(readFileSync(file), { headers: { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache, ...pageHeaders } });
}
