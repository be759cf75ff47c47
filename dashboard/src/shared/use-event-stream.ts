import { useEffect } from 'preact/hooks';

/**
 * Follows the server-sent events at `path` (the cookie goes along), giving each event's JSON to
 * `onEvent`; closed when `onEvent` returns true (the stream's last event: otherwise the browser
 * would reconnect), when `path` changes, or when the component goes away. A dropped connection is
 * resumed by the browser with Last-Event-ID.
 */
export function useEventStream(path: string | undefined, onEvent: (value: unknown) => boolean | void): void {
  useEffect(() => {
    if (path === undefined) return;
    const source = new EventSource(path, { withCredentials: true });
    source.onmessage = (message) => {
      if (onEvent(JSON.parse(message.data as string)) === true) source.close();
    };
    return () => source.close();
    // onEvent is read when events come; a new function each render must not reopen the stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);
}
