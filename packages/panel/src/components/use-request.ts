import { type DependencyList, useCallback, useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../api/client';

export type Loaded<T> = Readonly<{ state: 'loading' }> | Readonly<{ state: 'loaded'; data: T }> | Readonly<{ state: 'failed'; failure: ApiFailure }>;

/**
 * Loads once per change of `deps`, and again on `reload()`. An answer that arrives after the
 * page moved on (deps changed, page left) is dropped rather than shown over the newer one.
 */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: DependencyList): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void load().then((result) => {
      if (current) setLoaded(result.ok ? { state: 'loaded', data: result.data } : { state: 'failed', failure: result.failure });
    });
    return () => {
      current = false;
    };
    // `load` is a new closure every render; what it depends on is in `deps`, which callers list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [loaded, reload];
}

/** A form's sending: one at a time, with the failure to show. */
export function useSubmit<T>(send: () => Promise<ApiResult<T>>, onSuccess: (data: T) => void): Readonly<{ submit: () => Promise<void>; pending: boolean; failure: ApiFailure | undefined }> {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const submit = async () => {
    if (pending) return;
    setPending(true);
    setFailure(undefined);
    const result = await send();
    setPending(false);
    if (result.ok) onSuccess(result.data);
    else setFailure(result.failure);
  };
  return { submit, pending, failure };
}
