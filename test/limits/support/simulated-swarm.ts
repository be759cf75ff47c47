import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { onTestFinished } from 'vitest';
import { openSwarm, type Swarm, type SwarmEvent } from '../../../src/index.ts';
import { startSimulator, type ProviderName, type RequestLogEntry, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.ts';

/** Key-shaped, so a leak is obvious; each provider gets its own. */
export const apiKeys: Readonly<Record<ProviderName, string>> = {
  openai: 'sk-test-limits-openai-9f8e7d6c5b4a',
  anthropic: 'sk-ant-test-limits-3c2b1a0f9e8d',
  google: 'AIzaSyTestLimitsGoogle7a6b5c4d3e2f',
};

/** The model spec each provider's tests run. */
export const modelSpecs: Readonly<Record<ProviderName, string>> = {
  openai: 'openai:gpt-4o-mini',
  anthropic: 'anthropic:claude-haiku-4-5',
  google: 'google:gemini-2.5-flash',
};

/** An event as a listener saw it, with the time it was emitted. */
export type TimedEvent = SwarmEvent & { atMs: number };

/** A swarm wired to a simulator through the real AI SDK providers, in a temp folder of its own. */
export interface SimulatedSwarm {
  simulator: Simulator;
  swarm: Swarm;
  /** The store folder, to open the same store again. */
  dir: string;
  /** Every event of `swarm` so far, in order. */
  events: TimedEvent[];
  /** Opens another swarm on the same store and simulator (closed when the test ends). */
  reopen(): { swarm: Swarm; events: TimedEvent[] };
  /** Runs a read-only query on the store through its own connection. */
  query<T = Record<string, unknown>>(sql: string, ...params: SQLInputValue[]): T[];
  /** The simulator's request log for one provider (the tests use one key and model each). */
  requestLog(provider: ProviderName): RequestLogEntry[];
}

/**
 * Starts a simulator and opens a swarm whose environment points every provider at it. Both are
 * closed, and the folder removed, when the test ends.
 */
export async function simulatedSwarm(simulatorOptions: SimulatorOptions = {}): Promise<SimulatedSwarm> {
  const simulator = await startSimulator(simulatorOptions);
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-limits-'));
  const dir = path.join(root, 'store');
  const env = {
    OPENAI_API_KEY: apiKeys.openai,
    OPENAI_BASE_URL: simulator.baseUrls.openai,
    ANTHROPIC_API_KEY: apiKeys.anthropic,
    ANTHROPIC_BASE_URL: simulator.baseUrls.anthropic,
    GOOGLE_GENERATIVE_AI_API_KEY: apiKeys.google,
    GOOGLE_GENERATIVE_AI_BASE_URL: simulator.baseUrls.google,
  };
  const swarms: Swarm[] = [];
  const open = () => {
    const swarm = openSwarm({ dir, cwd: root, env, config: { aliases: {}, providers: {}, prices: {} } });
    swarms.push(swarm);
    const events: TimedEvent[] = [];
    swarm.subscribe((event) => events.push({ ...event, atMs: Date.now() }));
    return { swarm, events };
  };
  onTestFinished(async () => {
    for (const swarm of swarms) swarm.close();
    await simulator.close();
    rmSync(root, { recursive: true, force: true });
  });
  const first = open();
  return {
    simulator,
    swarm: first.swarm,
    dir,
    events: first.events,
    reopen: open,
    query<T>(sql: string, ...params: SQLInputValue[]) {
      const database = new DatabaseSync(path.join(dir, 'swarm.db'), { readOnly: true });
      try {
        return database.prepare(sql).all(...params) as T[];
      } finally {
        database.close();
      }
    },
    requestLog(provider) {
      return simulator.stats().perKeyModel.find((entry) => entry.provider === provider && entry.apiKey === apiKeys[provider])?.log ?? [];
    },
  };
}

/** `count` rows `r001`, `r002`, … each with its own text, so no two prompts are alike. */
export function numberedRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({ id: `r${String(index + 1).padStart(3, '0')}`, text: `review number ${index + 1}` }));
}

/** A one-column answer the simulator's mock model fills from the schema. */
export const sentimentSchema = {
  type: 'object',
  properties: { sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] } },
  required: ['sentiment'],
  additionalProperties: false,
};

/** The instruction every pass here runs. */
export const instruction = 'Classify the sentiment of this review: {text}';
