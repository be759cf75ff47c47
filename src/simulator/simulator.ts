import type { FaultSettings } from './fault-settings.ts';
import type { LatencySettings } from './latency-settings.ts';
import type { ProviderName } from './provider-name.ts';
import type { SimulatorLimits } from './simulator-limits.ts';
import type { SimulatorStats } from './simulator-stats.ts';

/** A running provider simulator. */
export interface Simulator {
  /**
   * The server's origin, e.g. `http://127.0.0.1:54321`: the base URL of Anthropic's SDK (it appends
   * `/v1/messages`) and of `@google/genai` (it appends `/v1/…` or `/v1beta/…`). The AI SDK's
   * `createAnthropic` works with it too: the Anthropic API is also served without `/v1`.
   */
  url: string;
  /**
   * The `baseURL` each AI SDK provider needs: `${url}/v1` for `createOpenAI` (also the openai
   * SDK's) and `createAnthropic` (they append `/chat/completions` or `/responses`, and
   * `/messages`), `${url}/v1beta` for `createGoogleGenerativeAI` (it appends
   * `/models/{id}:generateContent`).
   */
  baseUrls: Record<ProviderName, string>;
  /** Changes some limits for every key and model at once; a limit set to undefined is lifted. Used quota is kept. */
  setLimits(limits: SimulatorLimits): void;
  /** Changes some latency settings for calls from now on. */
  setLatency(latency: LatencySettings): void;
  /** Changes some fault settings for calls from now on (`failAll: undefined` switches it off). */
  setFaults(faults: FaultSettings): void;
  /** A snapshot of the traffic so far. */
  stats(): SimulatorStats;
  /** Stops listening and closes every connection, hung ones included. */
  close(): Promise<void>;
}
