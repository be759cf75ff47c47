/**
 * Two figures of a warm daemon, the mock model answering at once (what is measured is the daemon):
 * enqueue latency, 1,000 single-prompt `POST /parallel` requests one after another, each timed to
 * its response's headers (the prompt is in a table and its pass started), beside `GET /health` on
 * the same daemon (the HTTP round trip alone); and time to first result, a one-prompt fan-out timed
 * to its first NDJSON line (median of 30), beside `swarm parallel` without a daemon, a fresh CLI
 * process timed to its first line of output (median of 5), which is what an agent calling the CLI
 * would otherwise wait.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readNdjson } from '../../src/daemon-client/read-ndjson.ts';
import type { DaemonInfo } from '../../src/daemon/daemon-file.ts';
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { quantile, startBenchDaemon, swarmCli } from './bench-daemon.ts';

const enqueued = 1_000;
const firstResultRepetitions = 30;
const cliRepetitions = 5;

/** Measures enqueue latency and time to first result on a warm daemon. */
export async function enqueueAndFirstResult({ workDir }: BenchContext): Promise<Metric[]> {
  const cwd = path.join(workDir, 'daemon-enqueue');
  const daemon = await startBenchDaemon(cwd, {});
  try {
    // Warm: modules compiled, the mock's limiter made, the store's statements prepared.
    for (let index = 0; index < 20; index++) await drain(await fanOut(daemon, [`warm-up ${index}`]));
    const enqueue: number[] = [];
    const health: number[] = [];
    for (let index = 0; index < enqueued; index++) {
      let started = performance.now();
      const response = await fanOut(daemon, [`row ${index}`]);
      enqueue.push(performance.now() - started);
      await drain(response);
      started = performance.now();
      await (await fetch(`http://127.0.0.1:${daemon.port}/health`)).text();
      health.push(performance.now() - started);
    }
    const firstResult: number[] = [];
    for (let index = 0; index < firstResultRepetitions; index++) {
      const started = performance.now();
      const lines = readNdjson((await fanOut(daemon, [`first result ${index}`])).body);
      await lines.next();
      firstResult.push(performance.now() - started);
      for await (const _ of lines) void _;
    }
    const alone = path.join(workDir, 'daemon-enqueue-no-daemon');
    await mkdir(alone, { recursive: true });
    const cli: number[] = [];
    for (let index = 0; index < cliRepetitions; index++) {
      const run = await swarmCli(['parallel', `cli first result ${index}`, '-m', 'mock', '-q'], { cwd: alone, env: {} });
      cli.push(run.firstLineMs ?? run.totalMs);
    }
    return [
      { name: `enqueue latency p50, ${enqueued} one-prompt POST /parallel`, unit: 'ms', swarm: quantile(enqueue, 0.5), baseline: quantile(health, 0.5), baselineName: 'GET /health (HTTP alone)' },
      { name: `enqueue latency p99, ${enqueued} one-prompt POST /parallel`, unit: 'ms', swarm: quantile(enqueue, 0.99), baseline: quantile(health, 0.99), baselineName: 'GET /health (HTTP alone)' },
      { name: 'time to first result, warm daemon (median)', unit: 'ms', swarm: median(firstResult), baseline: median(cli), baselineName: 'swarm parallel, no daemon (new process)' },
    ];
  } finally {
    await daemon.stop();
  }
}

function fanOut(daemon: DaemonInfo, prompts: string[]): Promise<Response> {
  return fetch(`http://127.0.0.1:${daemon.port}/parallel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prompts, model: 'mock', cache: false }),
  });
}

async function drain(response: Response): Promise<void> {
  await response.text();
}
