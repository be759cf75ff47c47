/** Resolves when `abortSignal` aborts: how a hung call waits for its client to give up. */
export function untilAborted(abortSignal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (abortSignal.aborted) resolve();
    else abortSignal.addEventListener('abort', () => resolve(), { once: true });
  });
}
