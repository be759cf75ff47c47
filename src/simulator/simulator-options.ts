import type { BatchSettings } from './batch/batch-settings.ts';
import type { FaultSettings } from './fault-settings.ts';
import type { LatencySettings } from './latency-settings.ts';
import type { LimitDisclosure } from './limits/limit-disclosure.ts';
import type { LimitShape } from './limits/limit-shape.ts';
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
   * How the OpenAI and Anthropic dialects enforce per-minute limits (see `LimitShape`). Default
   * `per-second`, as both document they may; `per-minute` gives a whole minute of burst. Gemini's
   * fixed one-minute windows are the same either way. Headers report the minute in both shapes.
   */
  limitShape?: LimitShape;
  /**
   * Send each provider's rate-limit headers. Default true; false answers without them, like a
   * proxy that strips them: clients must learn limits from 429s, whose bodies still state them
   * (OpenAI, Gemini) unless `limitDisclosure` says otherwise.
   */
  limitHeaders?: boolean;
  /**
   * How much answers tell of the limits (see `LimitDisclosure`). Default `full`; `retry-after` and
   * `nothing` send no limit headers whatever `limitHeaders` says, and 429s without numbers.
   */
  limitDisclosure?: LimitDisclosure;
  /** How the batch APIs behave: how long a batch runs, how many items expire. Default: 1 s, none. */
  batch?: BatchSettings;
}
