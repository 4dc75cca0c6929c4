import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
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
  /**
   * The element's version when it was read. Read once: a form for another element, or for the same
   * element read again, is a new component (give it a `key`).
   */
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
  /** The refusal or failure of the last save, with its field issues; null once a save succeeds. */
  error: ApiError | null;
  /** With `conflict`: the element as it is stored now. */
  conflict: ConflictingElement | null;
  /**
   * Saves now what is pending (before leaving a form, or to retry a failure), after the save under
   * way if there is one; true when everything shown is then stored.
   */
  flush: () => Promise<boolean>;
  /** The version stored last, as of now (after an awaited `flush`, before the next render). */
  versionNow: () => number;
  /** Keeps what this person typed: saves it over the version someone else stored. */
  keepMine: () => void;
  /**
   * Takes the stored version: the caller replaces the form's value with (its form of) `conflict.data`
   * and passes that value here; the hook treats it as saved.
   */
  takeTheirs: (value: T) => void;
};

/** The last value that could not be stored, and why. */
type Refusal = { serial: string; error: ApiError };

const serialise = (value: unknown): string => JSON.stringify(value) ?? '';

/**
 * Saves a form as one types: after a pause, one request at a time, with the version it was read at
 * (optimistic concurrency); changes typed during a save go out after it. A refused value is not sent
 * again until it changes (or `flush` is called). Warns before the page is left with unsaved changes.
 */
export function useAutosave<T>({ value, version: initialVersion, save, delay = 700, enabled = true }: AutosaveOptions<T>): Autosave<T> {
  const serial = serialise(value);

  // What the screen shows is derived from these, so that it can never disagree with the value.
  const [savedSerial, setSavedSerial] = useState(serial);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [conflict, setConflict] = useState<ConflictingElement | null>(null);
  const [version, setVersion] = useState(initialVersion);

  // The same facts for the asynchronous saving, which must not wait for a render to see them.
  const latest = useRef({ value, serial });
  const savedRef = useRef(serial);
  const versionRef = useRef(initialVersion);
  const refusedRef = useRef<string | null>(null);
  const conflictRef = useRef<ConflictingElement | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);

  useLayoutEffect(() => {
    latest.current = { value, serial };
    saveRef.current = save;
  });

  const clearTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  /** Sends the latest value unless it is stored already (or was refused, unless `force`). */
  const run = useCallback(async (force: boolean): Promise<boolean> => {
    // One save at a time: whoever comes while one runs waits for it, then looks again.
    while (inFlight.current !== null) await inFlight.current;
    const { value: sending, serial: sendingSerial } = latest.current;
    if (conflictRef.current !== null) return false;
    if (sendingSerial === savedRef.current) return true;
    if (!force && sendingSerial === refusedRef.current) return false;
    setSaving(true);
    let stored = false;
    const attempt = (async () => {
      try {
        const next = await saveRef.current(sending, versionRef.current);
        versionRef.current = next;
        savedRef.current = sendingSerial;
        refusedRef.current = null;
        setVersion(next);
        setSavedSerial(sendingSerial);
        setRefusal(null);
        stored = true;
      } catch (caught) {
        const failure = asApiError(caught);
        const current = failure.code === 'EDIT_CONFLICT' ? conflictingElement(failure.current) : undefined;
        if (current !== undefined) {
          conflictRef.current = current;
          setConflict(current);
        }
        refusedRef.current = sendingSerial;
        setRefusal({ serial: sendingSerial, error: failure });
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
    setSaving(false);
    return stored && latest.current.serial === savedRef.current;
  }, []);

  const dirty = serial !== savedSerial;
  const refused = refusal !== null && refusal.serial === serial;

  // After a pause in the typing (and after the save under way), the changes go out.
  useEffect(() => {
    if (!enabled || !dirty || saving || conflict !== null || refused) return;
    clearTimer();
    timer.current = setTimeout(() => {
      timer.current = null;
      void run(false);
    }, delay);
    return clearTimer;
  }, [serial, enabled, dirty, saving, conflict, refused, delay, run]);

  // Leaving with changes not yet stored asks first (the browser shows its own wording).
  useEffect(() => {
    if (!dirty && !saving) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, saving]);

  const flush = useCallback(async () => {
    clearTimer();
    return run(true);
  }, [run]);

  /** Continues from the version someone else stored. */
  const resolve = useCallback(() => {
    const stored = conflictRef.current;
    if (stored !== null) {
      versionRef.current = stored.version;
      setVersion(stored.version);
    }
    conflictRef.current = null;
    refusedRef.current = null;
    setConflict(null);
    setRefusal(null);
  }, []);

  const keepMine = useCallback(() => {
    resolve();
    void run(true);
  }, [resolve, run]);

  const takeTheirs = useCallback(
    (taken: T) => {
      resolve();
      const takenSerial = serialise(taken);
      latest.current = { value: taken, serial: takenSerial };
      savedRef.current = takenSerial;
      setSavedSerial(takenSerial);
    },
    [resolve],
  );

  let state: AutosaveState;
  if (conflict !== null) state = 'conflict';
  else if (saving) state = 'saving';
  else if (!dirty) state = 'saved';
  else if (refused) state = refusal.error.status === 400 ? 'invalid' : 'failed';
  else state = 'pending';

  const versionNow = useCallback(() => versionRef.current, []);

  return { state, version, error: refusal?.error ?? null, conflict, flush, versionNow, keepMine, takeTheirs };
}
