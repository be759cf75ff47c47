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
    // Only a new path reopens the stream: the caller's onEvent is a new function at each render.
  }, [path]);
}
