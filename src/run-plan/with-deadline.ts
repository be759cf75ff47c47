import type { TaskOutcome } from './schedule-tasks.ts';

/**
 * Runs `work` with a signal aborted at the deadline or when `planSignal` aborts. Work the deadline
 * stopped is a failure that says so; work the plan's abort stopped stays `stopped`.
 */
export async function withDeadline<Outcome extends TaskOutcome>(
  deadlineMs: number,
  planSignal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<Outcome>,
): Promise<Outcome | { status: 'failed'; error: string }> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`the task ran longer than its deadline (timeoutMs ${deadlineMs})`)), deadlineMs);
  const signal = planSignal === undefined ? deadline.signal : AbortSignal.any([planSignal, deadline.signal]);
  try {
    const outcome = await work(signal);
    if (outcome.status === 'stopped' && deadline.signal.aborted && planSignal?.aborted !== true) {
      return { ...outcome, status: 'failed', error: (deadline.signal.reason as Error).message };
    }
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** Settles with `value`'s outcome, or `stopped` as soon as `signal` aborts (a function that ignores its signal is not waited for). */
export function untilAborted<Outcome>(value: Promise<Outcome>, signal: AbortSignal): Promise<Outcome | { status: 'stopped' }> {
  if (signal.aborted) return Promise.resolve({ status: 'stopped' });
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve({ status: 'stopped' });
    signal.addEventListener('abort', onAbort, { once: true });
    value.then(
      (outcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
