import type { BatchSettings } from './batch/batch-settings.ts';
import type { FaultSettings } from './fault-settings.ts';
import type { LatencySettings } from './latency-settings.ts';
import type { SimulatorLimits } from './simulator-limits.ts';

/** How to start a provider simulator. */
export interface SimulatorOptions {
  /** Port to listen on. Default 0: any free port (read it from `simulator.url`). */
  port?: number;
  /** Address to bind. Default `127.0.0.1`: loopback only. */
  hostname?: string;
  /** Limits per API key and model. Default none. */
  limits?: SimulatorLimits;
  /** How long calls take. Default: instant. */
  latency?: LatencySettings;
  /** Injected failures. Default none. */
  faults?: FaultSettings;
  /** Seeds the fault and latency draws and the answer values. Default 0. */
  seed?: number;
  /** Characters of answer text per streamed chunk. Default 16 (four tokens). */
  streamChunkCharacters?: number;
  /**
   * Send each provider's rate-limit headers. Default true; false answers without them, like a
   * proxy that strips them (clients must then learn limits from 429s alone).
   */
  limitHeaders?: boolean;
  /** How the batch APIs behave: how long a batch runs, how many items expire. Default: 1 s, none. */
  batch?: BatchSettings;
}
