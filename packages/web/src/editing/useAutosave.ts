import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { conflictingElement, type ConflictingElement } from './api.ts';

/**
 * Where an autosaved form stands: `saved` (what is shown is stored), `pending` (changed, waiting for
 * the typing to pause), `saving`, `invalid` (the server refused the value; the field issues say why),
 * `failed` (the network or the server failed; retried on the next change or with `flush`), and
 * `conflict` (someone else saved the element meanwhile; the person chooses which version to keep).
 */
export type AutosaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'failed' | 'conflict';

export type AutosaveOptions<T> = {
  /** The value the form shows now. */
  value: T;
  /** The element's version when it was read (or last saved). */
  version: number;
  /** Stores the value over `version`; answers the new version. */
  save: (value: T, version: number) => Promise<number>;
  /** Milliseconds of quiet typing before saving. */
  delay?: number;
  /** False while the form must not save (read-only, still loading). */
  enabled?: boolean;
};

export type Autosave<T> = {
  state: AutosaveState;
  version: number;
  /** The refusal or failure of the last save, with its field issues. */
  error: ApiError | null;
  /** With `conflict`: the element as it is stored now. */
  conflict: ConflictingElement | null;
  /** Saves now what is pending (before leaving a form, or to retry a failure). */
  flush: () => Promise<void>;
  /** Keeps what this person typed: saves it over the version someone else stored. */
  keepMine: () => void;
  /**
   * Takes the stored version: the caller replaces the form's value with `conflict.data`; the hook
   * treats that value as saved.
   */
  takeTheirs: (value: T) => void;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves a form as one types: after a pause, one request at a time, with the version it was read at
 * (optimistic concurrency). Warns before the page is left with unsaved changes.
 */
export function useAutosave<T>({ value, version: initialVersion, save, delay = 700, enabled = true }: AutosaveOptions<T>): Autosave<T> {
  const [state, setState] = useState<AutosaveState>('saved');
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<ConflictingElement | null>(null);
  const [version, setVersion] = useState(initialVersion);

  const saved = useRef<T>(value);
  const latest = useRef<T>(value);
  const versionRef = useRef(initialVersion);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const conflictRef = useRef<ConflictingElement | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  latest.current = value;

  // A new element (or a reload) starts from what the server gave.
  useEffect(() => {
    versionRef.current = initialVersion;
    setVersion(initialVersion);
  }, [initialVersion]);

  const run = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      await inFlight.current;
    }
    if (blocked.current || same(latest.current, saved.current)) return;
    const sending = latest.current;
    setState('saving');
    const attempt = (async () => {
      try {
        const next = await saveRef.current(sending, versionRef.current);
        versionRef.current = next;
        setVersion(next);
        saved.current = sending;
        setError(null);
        setState(same(latest.current, sending) ? 'saved' : 'pending');
      } catch (caught) {
        const failure = asApiError(caught);
        setError(failure);
        const stored = failure.code === 'EDIT_CONFLICT' ? conflictingElement(failure.current) : undefined;
        if (stored) {
          blocked.current = true;
          conflictRef.current = stored;
          setConflict(stored);
          setState('conflict');
        } else {
          setState(failure.status === 400 ? 'invalid' : 'failed');
        }
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
    // Changes typed while this save ran go out next.
    if (!blocked.current && !same(latest.current, saved.current)) {
      timer.current = setTimeout(() => void run(), delay);
    }
  }, [delay]);

  useEffect(() => {
    if (!enabled || blocked.current) return;
    if (same(value, saved.current)) return;
    setState((current) => (current === 'saving' ? current : 'pending'));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), delay);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [value, enabled, delay, run]);

  // Leaving with changes not yet stored asks first (the browser shows its own wording).
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    await run();
  }, [run]);

  /** Continues from the version someone else stored. */
  const resolve = useCallback(() => {
    const stored = conflictRef.current;
    if (stored) {
      versionRef.current = stored.version;
      setVersion(stored.version);
    }
    conflictRef.current = null;
    setConflict(null);
    blocked.current = false;
  }, []);

  const keepMine = useCallback(() => {
    resolve();
    void run();
  }, [resolve, run]);

  const takeTheirs = useCallback(
    (value: T) => {
      resolve();
      saved.current = value;
      latest.current = value;
      setError(null);
      setState('saved');
    },
    [resolve],
  );

  return { state, version, error, conflict, flush, keepMine, takeTheirs };
}
