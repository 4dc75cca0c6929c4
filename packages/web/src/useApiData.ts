import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type ApiError } from './api.ts';
import { useLanguage } from './i18n.ts';

/** The state of one read from the API. */
export type ApiData<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

type Answer<T> = { key: string; path: string; result: ApiData<T> };

const LOADING = { status: 'loading' } as const;

/**
 * Reads a path from the API, and again when the path or the interface language changes (the
 * server writes its messages in the requested language) or when asked to; answers to superseded
 * reads are dropped, and data already shown for the same path stays on screen while it is re-read.
 */
export function useApiData<T>(path: string): {
  result: ApiData<T>;
  reload: () => void;
  update: (change: (data: T) => T) => void;
} {
  const { language } = useLanguage();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const key = `${path}\u0000${language}\u0000${attempt}`;

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<T>(path, { signal: controller.signal })
      .then((data) => {
        if (!controller.signal.aborted) setAnswer({ key, path, result: { status: 'ready', data } });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setAnswer({ key, path, result: { status: 'error', error: asApiError(error) } });
      });
    return () => controller.abort();
  }, [key, path]);

  let result: ApiData<T> = LOADING;
  if (answer !== null && answer.key === key) result = answer.result;
  else if (answer !== null && answer.path === path && answer.result.status === 'ready') result = answer.result;

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setAnswer((previous) =>
      previous !== null && previous.result.status === 'ready'
        ? { ...previous, result: { status: 'ready', data: change(previous.result.data) } }
        : previous,
    );
  }, []);
  return { result, reload, update };
}
