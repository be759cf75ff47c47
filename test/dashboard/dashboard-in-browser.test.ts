import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dashboardUrl } from '../../src/daemon/dashboard-url.ts';
import { openSwarm, type Plan } from '../../src/index.ts';
import { startDaemonProcess } from '../daemon/support/daemon-process.ts';
import { repositoryRoot } from '../support/run-cli.ts';
import { chromiumAvailable, launchChromium } from './support/launch-chromium.ts';

// The README's screenshots are refreshed with SWARM_UPDATE_SCREENSHOTS=1; otherwise they go to a temporary folder, so a test run
// leaves the checkout as it was.
const screenshots = process.env.SWARM_UPDATE_SCREENSHOTS === '1' ? path.join(repositoryRoot, 'docs/screenshots') : mkdtempSync(path.join(tmpdir(), 'swarm-screenshots-'));
const rowCount = 80;
const passOptions = {
  instruction: 'Sentiment of this review: {text}',
  responseSchema: { type: 'object', properties: { sentiment: { type: 'string', enum: ['positive', 'negative', 'mixed'] } }, required: ['sentiment'] },
  // Slow enough to watch, and about a third of the answers malformed: with one attempt each, those rows fail with what the model said.
  model: 'mock:default?latencyMs=150&malformedRate=0.3&seed=7',
  batchSize: 1,
  concurrency: 2,
  maxAttempts: 1,
};

// The browser's, for the functions run in the page (this project's types have no DOM).
declare function getComputedStyle(element: unknown): { fill: string };

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

async function number(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).innerText()).replace(/,/g, ''));
}

async function runState(page: Page): Promise<string> {
  return page.locator('#run-title .badge').innerText();
}

describe.skipIf(!chromiumAvailable())('the dashboard, in headless Chromium against a real daemon', () => {
  it('shows only a sign-in message without the token; signed in, follows a pass live, stops and resumes it, shows failures with raw output, and a plan task changing state', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-dashboard-'));
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), 'prices:\n  "mock:*": { inputPerMillion: 3, outputPerMillion: 15 }\nbudget:\n  maxDailyCost: 5\n');
    const daemon = await startDaemonProcess(cwd);
    const base = `http://127.0.0.1:${daemon.info.port}`;
    const tasks = Array.from({ length: rowCount }, (_, index) => ({ id: `review-${String(index + 1).padStart(2, '0')}`, text: `Review number ${index + 1}: ${index % 3 === 0 ? 'loved it' : 'it broke'}` }));
    expect((await daemon.call('POST', '/tables', { id: 'reviews', tasks })).status).toBe(201);
    const context = await launchChromium();
    const page = await context.newPage();

    // Without the token: a sign-in message and nothing else; the data routes refuse the page.
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Swarm dashboard' }).waitFor();
    const signedOut = await page.locator('body').innerText();
    expect(signedOut).toContain('Sign in');
    expect(signedOut).not.toContain('reviews');
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.evaluate(() => fetch('/tables').then((response) => response.status))).toBe(401);
    await shot(page, 'sign-in');
    await page.goto(`${base}/?token=${'0'.repeat(64)}`);
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
    expect(await context.cookies(base)).toEqual([]);

    // The address swarm start prints signs in: the token goes into an HttpOnly, SameSite=Strict cookie and leaves the address bar.
    await page.goto(dashboardUrl(daemon.info));
    expect(page.url()).toBe(`${base}/`);
    expect(await context.cookies(base)).toEqual([expect.objectContaining({ name: `swarm_token_${daemon.info.port}`, httpOnly: true, sameSite: 'Strict', path: '/' })]);
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    // Keyboard: the first Tab reaches the skip link, the next the views.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Runs');

    // A pass started through the API: the page's counts rise with it, and Stop stops it.
    const started = (await (await daemon.call('POST', '/tables/reviews/passes', passOptions)).json()) as { run: { id: string } };
    await page.goto(`${base}/#/runs/${started.run.id}`);
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const done = await number(page, 'run-done');
          if (seen.at(-1) !== done) seen.push(done);
          return new Set(seen.filter((value) => value > 0)).size >= 2 && done >= 4;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    expect(await runState(page)).toBe('running');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => runState(page), { timeout: 30_000 }).toBe('cancelled');
    const stopped = (await (await daemon.call('GET', `/runs/${started.run.id}`)).json()) as { status: string; result: { completed: number; failed: number; pending: number } };
    expect(stopped.status).toBe('cancelled');
    expect(stopped.result.pending).toBeGreaterThan(0);
    expect(await number(page, 'run-done')).toBe(stopped.result.completed);
    expect(await number(page, 'run-failed')).toBe(stopped.result.failed);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    // Resume: a new run of the same pass does the rest; the page follows it to its final numbers.
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).not.toContain(started.run.id);
    const resumedId = new URL(page.url()).hash.split('/').at(-1)!;
    // A few seconds in, the chart has something to show.
    await expect.poll(() => number(page, 'run-done'), { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(20);
    await shot(page, 'runs');
    await expect.poll(() => runState(page), { timeout: 60_000 }).toBe('completed');
    const resumed = (await (await daemon.call('GET', `/runs/${resumedId}`)).json()) as { result: { completed: number; failed: number; skipped: number; pending: number } };
    expect(resumed.result.pending).toBe(0);
    expect(resumed.result.skipped).toBe(stopped.result.completed);
    expect(await number(page, 'run-done')).toBe(resumed.result.completed);
    expect(await number(page, 'run-failed')).toBe(resumed.result.failed);
    expect(await number(page, 'run-pending')).toBe(0);
    expect(resumed.result.failed).toBeGreaterThan(0);

    // Failures by cause, each with the model's raw output; a row's calls show it too.
    const failures = (await (await daemon.call('GET', '/tables/reviews/failures')).json()) as { total: number; groups: Array<{ failures: Array<{ rowId: string; rawOutput?: string }> }> };
    const failure = failures.groups.flatMap((group) => group.failures).find((each) => each.rawOutput !== undefined)!;
    expect(failure).toBeDefined();
    await page.getByRole('link', { name: 'Tables' }).click();
    await page.getByRole('link', { name: 'reviews' }).click();
    const rawOutput = page.locator('pre.raw-output').filter({ hasText: failure.rawOutput!.trim() }).first();
    await rawOutput.waitFor();
    await shot(page, 'tables');
    // Filtered as `swarm rows --status failed` filters: the failed rows, and only them.
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('table.rows tbody tr').count(), { timeout: 30_000 }).toBe(failures.total);
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#failures-title').scrollIntoViewIfNeeded();
    await shot(page, 'failures');
    await page.getByRole('link', { name: failure.rowId, exact: true }).first().click();
    await page.getByRole('heading', { name: `Row ${failure.rowId}` }).waitFor();
    await page.locator('#row-title ~ ol.attempts pre.raw-output').filter({ hasText: failure.rawOutput!.trim() }).first().waitFor();
    await shot(page, 'row');
    await page.getByRole('button', { name: /^Retry these/ }).first().click();
    await page.getByRole('status').filter({ hasText: 'Started run-' }).waitFor();

    // A plan run by the library in this process, on the daemon's store: its graph follows it live.
    const gate = path.join(cwd, 'gate');
    const plan: Plan = {
      name: 'release notes',
      tasks: [
        { id: 'collect', description: 'collect the changes', command: 'echo "3 changes"' },
        { id: 'lint', description: 'lint the changes', command: 'echo "lint: 2 errors" >&2; exit 3', dependsOn: ['collect'] },
        { id: 'wait-for-review', description: 'wait for a reviewer', command: `while [ ! -f '${gate}' ]; do sleep 0.05; done; echo approved`, dependsOn: ['collect'] },
        { id: 'summarize', description: 'Summarize: {tasks.collect}', model: 'mock:default?latencyMs=20', dependsOn: ['collect', 'wait-for-review'] },
        { id: 'publish', description: 'publish', command: 'cat', dependsOn: ['summarize', 'lint'] },
      ],
    };
    const local = openSwarm({ dir: path.join(cwd, '.swarm'), cwd, env: {} });
    try {
      const planned = local.runPlan(plan);
      // Awaited below; a refusal must not go unhandled meanwhile.
      planned.catch(() => {});
      await expect.poll(() => local.context.store.planRuns.recent(1).length, { timeout: 30_000 }).toBe(1);
      const planRunId = local.context.store.planRuns.recent(1)[0]!.id;
      await page.goto(`${base}/#/plans/${planRunId}`);
      const waiting = page.locator('[data-task="wait-for-review"]');
      await expect.poll(() => waiting.getAttribute('data-state'), { timeout: 30_000 }).toBe('running');
      expect(await waiting.locator('.task-state').textContent()).toBe('running');
      await expect.poll(() => page.locator('[data-task="lint"]').getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
      const fillRunning = await waiting.locator('rect').evaluate((rect) => getComputedStyle(rect).fill);
      await shot(page, 'plans');
      writeFileSync(gate, '');
      await expect.poll(() => waiting.getAttribute('data-state'), { timeout: 30_000 }).toBe('completed');
      expect(await waiting.locator('.task-state').textContent()).toBe('completed');
      expect(await waiting.locator('rect').evaluate((rect) => getComputedStyle(rect).fill)).not.toBe(fillRunning);
      const result = await planned;
      expect(result.tasks).toMatchObject({ 'wait-for-review': { status: 'completed' }, lint: { status: 'failed' }, publish: { status: 'skipped' } });
      await expect.poll(() => page.locator('[data-task="publish"]').getAttribute('data-state'), { timeout: 30_000 }).toBe('skipped');
      // A task in depth: its input and result.
      await waiting.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Task wait-for-review/ }).waitFor();
      await page.getByTestId('task-result').filter({ hasText: 'approved' }).waitFor();
    } finally {
      local.close();
    }

    // Cost: by model, pass and day, the pass beside its dry-run projection.
    await page.getByRole('link', { name: 'Cost' }).click();
    await page.getByRole('heading', { name: 'By pass, beside the dry-run projection' }).waitFor();
    await page.locator('td', { hasText: /for \d+ calls/ }).first().waitFor();
    await shot(page, 'cost');

    // The daemon's log has the page's actions, not its many reads, and never the token.
    const log = readFileSync(path.join(cwd, '.swarm', 'daemon.log'), 'utf8');
    expect(log).toContain(`POST /runs/${started.run.id}/cancel 200`);
    expect(log).not.toContain('GET /status 200');
    expect(log).not.toContain(daemon.info.token);
  }, 120_000);
});
