import type { ParallelRequest } from '../api-requests/parallel-request-schema.ts';
import { parallelThroughDaemon } from '../daemon-client/parallel-through-daemon.ts';
import type { LimiterSnapshot } from '../limit/key-limiter.ts';
import type { ParallelResult } from '../parallel/parallel-result.ts';
import type { PromptResult } from '../parallel/prompt-result.ts';
import type { Swarm } from '../swarm/open-swarm.ts';
import type { CliIo } from './cli-io.ts';
import { daemonForStore } from './daemon-for-store.ts';
import { limiterViewOf } from './limiter-view.ts';
import { showProgress, type ProgressDisplay } from './progress/show-progress.ts';

/** How `runPrompts` reports as it goes. */
export interface PromptRunDisplay {
  quiet?: boolean;
  progressInterval?: number;
  onResult?: (result: PromptResult) => void;
  abortSignal?: AbortSignal;
  /** Receives the progress display once made, so that an interrupt can stop it before saying so. */
  onProgress?: (progress: ProgressDisplay) => void;
}

/**
 * A prompt fan-out for `swarm parallel` and `swarm bench`: through the store's daemon when one
 * runs, in this process otherwise, with the same progress display either way. Says which it was.
 */
export async function runPrompts(
  io: CliIo,
  swarm: Swarm,
  request: ParallelRequest,
  { quiet, progressInterval, onResult, abortSignal, onProgress }: PromptRunDisplay,
): Promise<{ result: ParallelResult; model: string | undefined; through: 'daemon' | 'process'; port?: number }> {
  const daemon = daemonForStore(io, swarm.dir);
  const limiters = new Map<string, LimiterSnapshot>();
  const progress = showProgress(swarm.context.events, io.stderr, { intervalMs: progressInterval, limiters: daemon === undefined ? swarm.context.limiters : limiterViewOf(limiters), quiet });
  onProgress?.(progress);
  let model: string | undefined;
  const unsubscribe = swarm.subscribe((event) => {
    if (event.type === 'pass-start') model = event.model;
  });
  try {
    const { prompts, ...options } = request;
    const result =
      daemon === undefined
        ? await swarm.parallel(prompts, { ...options, onResult, abortSignal })
        : await parallelThroughDaemon(daemon, request, { events: swarm.context.events, limiters }, { onResult, abortSignal });
    return { result, model, through: daemon === undefined ? 'process' : 'daemon', port: daemon?.daemon.port };
  } finally {
    progress.stop();
    unsubscribe();
  }
}
