/** A signal for one MCP request, aborted with `parent`, and `release()` to call when the request is over. */
export interface RequestSignal {
  signal: AbortSignal;
  release(): void;
}

/**
 * The SDK adds an abort listener to a request's signal and never removes it, so handing it a
 * long-lived signal (a whole pass's) would pile up listeners and, once that signal aborts,
 * cancel requests long finished. Each request gets its own signal instead, following `parent`
 * only until released.
 */
export function requestSignal(parent: AbortSignal | undefined): RequestSignal {
  const controller = new AbortController();
  if (parent === undefined) return { signal: controller.signal, release: () => {} };
  const abort = () => controller.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, release: () => parent.removeEventListener('abort', abort) };
}
