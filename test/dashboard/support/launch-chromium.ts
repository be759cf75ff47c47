import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { onTestFinished } from 'vitest';

/** Debian's chromium, which the browser tests drive (`apt-get install -y chromium`; .ci/run installs it). */
export const chromiumPath = '/usr/bin/chromium';

/** Whether the browser tests can run here; under CI they must, so a missing browser fails them instead of skipping. */
export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath) || process.env.CI === 'true';
}

/** Real headless Chromium with a fresh profile at 1280×800, closed (and its profile removed) when the test ends. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(path.join(tmpdir(), 'swarm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  });
  onTestFinished(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}
