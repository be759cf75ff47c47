import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';

/** What `useApi` holds: the latest answer, or the error of the latest request. */
export interface ApiState<T> {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

/** GETs `path` (again every `refreshMs`, when given) and holds the latest answer. */
export function useApi<T>(path: string | undefined, { refreshMs }: { refreshMs?: number } = {}): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, [path]);
  useEffect(() => {
    if (path === undefined) return;
    let live = true;
    const load = () =>
      api<T>(path).then(
        (value) => live && (setData(value), setError(undefined)),
        (failure: Error) => live && setError(failure.message),
      );
    void load();
    const timer = refreshMs === undefined ? undefined : setInterval(load, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [path, refreshMs, generation]);
  return { data, error, reload };
}
