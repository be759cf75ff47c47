import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { PassRecording } from '../recorder/pass-recording.ts';
import type { PassRun } from './pass-run.ts';

/**
 * A pass run recording through `writer` and `events`, its counts at zero and its stop signal its
 * own: `stop` records the first reason given and aborts `signal` with it. `priced`: the model has a
 * price, so costs are counted from the first call.
 */
export function createPassRun({
  passId,
  writer,
  events,
  secrets,
  priced,
}: Pick<PassRecording, 'passId' | 'writer' | 'events'> & { secrets: SecretRedactor; priced: boolean }): PassRun {
  const stopper = new AbortController();
  const run: PassRun = {
    passId,
    writer,
    events,
    cache: undefined,
    costOf: () => undefined,
    secrets,
    signal: stopper.signal,
    stop(stop) {
      if (run.stopped !== undefined) return;
      run.stopped = stop;
      stopper.abort(stop);
    },
    stopped: undefined,
    completed: 0,
    failed: 0,
    failures: [],
    usage: { calls: 0, rateLimited: 0, retries: 0, cached: 0, inputTokens: 0, outputTokens: 0, cost: priced ? 0 : undefined },
  };
  return run;
}
