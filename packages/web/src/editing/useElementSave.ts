import { useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { focusFirstInvalid } from '../components/Field.tsx';
import { conflictingElement, editingApi, type ConflictingElement, type PlanEdit } from './api.ts';

/**
 * Saves one element of a register form (a new one, or a change over the version it was read at)
 * and keeps what the form shows meanwhile: busy while sending, the refusal, and the stored version
 * when someone else changed the element first. The form's first field has the focus on opening.
 */
export function useElementSave(participant: string, strategyId: string, readVersion: number) {
  const [version, setVersion] = useState(readVersion);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<ConflictingElement | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  /** Sends the edit; on success calls `onSaved`, on a refusal shows why and moves to the first field it names. */
  async function save(edit: PlanEdit, onSaved: () => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await editingApi(participant, strategyId).edit([edit]);
      onSaved();
    } catch (caught) {
      const failure = asApiError(caught);
      const stored = failure.code === 'EDIT_CONFLICT' ? conflictingElement(failure.current) : undefined;
      if (stored) setConflict(stored);
      setError(failure);
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return {
    form,
    version,
    error,
    setError,
    conflict,
    busy,
    save,
    /** After a conflict: the form's values are saved over the stored version. */
    keepMine(resubmit: (overVersion: number) => void) {
      if (conflict === null) return;
      setVersion(conflict.version);
      setConflict(null);
      resubmit(conflict.version);
    },
    /** After a conflict: the form took the stored values, and later saves go over that version. */
    tookTheirs() {
      if (conflict === null) return;
      setVersion(conflict.version);
      setConflict(null);
      setError(null);
    },
  };
}
