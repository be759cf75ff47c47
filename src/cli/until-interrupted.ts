import { exitCodes } from './exit-codes.ts';

/**
 * Runs `work` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts, so that an interrupted command
 * cleans up after itself (no half-made table, no partial file); a second Ctrl-C quits at once.
 * Resolves to `{ interrupted: true }` when the signal stopped the work.
 */
export async function untilInterrupted<T>(work: (abortSignal: AbortSignal) => Promise<T>): Promise<{ interrupted: false; value: T } | { interrupted: true }> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(exitCodes.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    return { interrupted: false, value: await work(controller.signal) };
  } catch (error) {
    if (controller.signal.aborted) return { interrupted: true };
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
