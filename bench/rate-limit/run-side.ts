import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  startSimulator,
  type LatencySettings,
  type LimitDisclosure,
  type LimitShape,
  type RequestLogEntry,
  type SimulatorLimits,
} from '../../src/simulator/index.ts';
import { runChild } from '../support/run-child.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';

/** A client the rate-limit benchmarks compare: Swarm, one of the two baselines, or the bare AI SDK floor. */
export type Side = 'swarm' | 'deepswarm' | 'cookbook' | 'all-at-once';

const scripts: Record<Side, string> = {
  swarm: fileURLToPath(new URL('./swarm-side.ts', import.meta.url)),
  deepswarm: fileURLToPath(new URL('./deepswarm-pool.ts', import.meta.url)),
  cookbook: fileURLToPath(new URL('./cookbook-loop.ts', import.meta.url)),
  'all-at-once': fileURLToPath(new URL('./all-at-once.ts', import.meta.url)),
};

const apiKeys = { openai: 'sk-bench-rate-limit-4f3e2d1c0b9a', google: 'AIzaSyBenchRateLimit6b5a4f3e2d1c' };
const modelIds = { openai: 'gpt-4o-mini', google: 'gemini-2.5-flash' };

/** What one client run gives the benchmark: its report and everything its provider saw. */
export interface SideRun {
  report: SideReport;
  log: RequestLogEntry[];
  /** When the first request arrived (epoch ms): every window is measured from here. */
  firstRequestMs: number;
  /** When the limits were changed (epoch ms), for a run with `change`. */
  changedAtMs: number | undefined;
}

/**
 * Runs one client in its own process against its own simulator (started here, in the parent, on
 * loopback), so no client shares a limit or an event loop with another. The simulator enforces
 * `limits` in `limitShape` (its default, per second, unless told) and tells the client as much of
 * them as `limitDisclosure` says: `retry-after` is the "limits unknown" server, with no limit
 * headers and 429s that state no numbers. With `change`, the limits are replaced `change.afterMs`
 * after the first request arrives.
 */
export async function runSide(
  side: Side,
  {
    workDir,
    profileDir,
    traceDir,
    label,
    provider = 'openai',
    limits,
    latency,
    limitShape,
    limitDisclosure,
    change,
    rows,
    durationMs,
    staggerMs,
    repeat,
    port,
    storeName,
    firstRow,
  }: {
    workDir: string;
    /** When set, the child writes a CPU profile there (see `runChild`). */
    profileDir?: string;
    /** When set, Swarm writes a trace of its limiter to `<traceDir>/<label>.jsonl`. */
    traceDir?: string;
    label: string;
    /** Which API the simulator speaks to the client. Default `openai`. */
    provider?: 'openai' | 'google';
    limits: SimulatorLimits;
    latency: LatencySettings;
    limitShape?: LimitShape;
    limitDisclosure?: LimitDisclosure;
    change?: { afterMs: number; limits: SimulatorLimits };
    rows: number;
    durationMs: number;
    staggerMs?: number;
    repeat?: boolean;
    /** The simulator's port (default: any free one). The same port and store across runs: one key Swarm has seen before. */
    port?: number;
    /** The store's folder name in `workDir`. Default `<label>-store`. */
    storeName?: string;
    /** Number the rows from here: runs sharing a store get rows its cache has not answered. */
    firstRow?: number;
  },
): Promise<SideRun> {
  const simulator = await startSimulator({ limits, latency, limitShape, limitDisclosure, port });
  const apiKey = apiKeys[provider];
  try {
    const sideArguments: SideArguments = {
      provider,
      baseUrl: simulator.baseUrls[provider],
      apiKey,
      modelId: modelIds[provider],
      rows,
      durationMs,
      storeDir: path.join(workDir, storeName ?? `${label}-store`),
      staggerMs,
      repeat,
      firstRow,
      traceFile: side === 'swarm' && traceDir !== undefined ? path.join(traceDir, `${label}.jsonl`) : undefined,
    };
    let finished = false;
    const child = runChild<SideReport>(scripts[side], sideArguments, { cwd: workDir, label, profileDir }).finally(() => (finished = true));
    // Handled here so a child failing before it is awaited is no unhandled rejection; awaited below.
    child.catch(() => undefined);
    const log = () => simulator.stats().perKeyModel.find((entry) => entry.apiKey === apiKey)?.log ?? [];
    while (!finished && log().length === 0) await sleep(5);
    const firstRequestMs = log()[0]?.atMs ?? Date.now();
    let changedAtMs: number | undefined;
    if (change !== undefined) {
      const waitMs = firstRequestMs + change.afterMs - Date.now();
      await Promise.race([sleep(Math.max(0, waitMs)), child.catch(() => undefined)]);
      if (!finished) {
        simulator.setLimits(change.limits);
        changedAtMs = Date.now();
      }
    }
    const report = await child;
    return { report, log: log(), firstRequestMs, changedAtMs };
  } finally {
    await simulator.close();
  }
}
