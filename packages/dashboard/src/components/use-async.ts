import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data locally, e.g. with what a save answered. */
  setData: (data: T) => void;
}

/** Runs `load` when `deps` change; answers its result, its error, and a reload. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const current = useRef(0);
  useEffect(() => {
    const run = ++current.current;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (run !== current.current) return;
        setData(value);
        setLoading(false);
      },
      (reason: unknown) => {
        if (run !== current.current) return;
        setError(reason);
        setLoading(false);
      },
    );
    // The caller's deps decide when to reload; `load` is a fresh closure on every render.
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload, setData };
}
