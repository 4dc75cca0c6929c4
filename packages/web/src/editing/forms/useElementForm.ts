import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ApiIssue } from '../../api.ts';
import { i18n } from '../../i18n.ts';
import type { EditingApi, ElementData, ElementDetail, ElementKind } from '../api.ts';
import { elementIssues } from '../issues.ts';
import { useAutosave, type Autosave } from '../useAutosave.ts';

/** What a form makes of its fields: the element's data, or the problems found before asking the server. */
export type Conversion<K extends ElementKind> = { data: ElementData[K] } | { issues: ApiIssue[] };

export type ElementFormOptions<K extends ElementKind, F> = {
  api: EditingApi;
  detail: ElementDetail<K>;
  /** The form's fields from the element's data (also for the version someone else saved). */
  toForm: (data: ElementData[K]) => F;
  /** The element's data from the fields; issue paths are the element's own (`costs[1].amount`). */
  toData: (form: F) => Conversion<K>;
  /** False when the person may only read. */
  editable: boolean;
  /** After each stored change. */
  onSaved?: () => void;
  /** After a change of the element's code was stored. */
  onRenamed?: (code: string) => void;
};

export type ElementForm<F> = {
  form: F;
  /** The element's code as stored now (it changes when a new code is saved). */
  code: string;
  /** Changes some fields; the change is saved after a pause. */
  update: (change: (form: F) => F) => void;
  autosave: Autosave<F>;
  /** The refused fields' messages, by the element's own paths (`costs[1].amount`); `''` for the element as a whole. */
  issues: Map<string, string>;
  /** Replaces the fields with the version someone else saved, after a conflict. */
  takeTheirs: () => void;
};

/** A refusal found in the browser, in the shape of the server's, so that it is shown the same way. */
function localRefusal(issues: ApiIssue[]): ApiError {
  return new ApiError(
    400,
    'VALIDATION_FAILED',
    i18n.t('errors.VALIDATION_FAILED'),
    issues.map((issue) => ({ path: `edits[0].data.${issue.path}`, message: issue.message })),
  );
}

/**
 * The state of one element's form: its fields, saved as one types through `update` edits with the
 * version the element was read at, the refused fields' messages, and the way out of a conflict.
 */
export function useElementForm<K extends ElementKind, F>({
  api,
  detail,
  toForm,
  toData,
  editable,
  onSaved,
  onRenamed,
}: ElementFormOptions<K, F>): ElementForm<F> {
  const [form, setForm] = useState<F>(() => toForm(detail.data));
  const code = useRef(detail.code);
  const [storedCode, setStoredCode] = useState(detail.code);
  const convert = useRef(toData);
  const after = useRef({ onSaved, onRenamed });
  useLayoutEffect(() => {
    convert.current = toData;
    after.current = { onSaved, onRenamed };
  });

  const save = useCallback(
    async (value: F, version: number): Promise<number> => {
      const converted = convert.current(value);
      if ('issues' in converted) throw localRefusal(converted.issues);
      const answer = await api.edit([{ op: 'update', kind: detail.kind, code: code.current, version, data: converted.data }]);
      const result = answer.results[0];
      if (result !== undefined && result.code !== code.current) {
        code.current = result.code;
        setStoredCode(result.code);
        after.current.onRenamed?.(result.code);
      }
      after.current.onSaved?.();
      return result?.version ?? version;
    },
    [api, detail.kind],
  );

  const autosave = useAutosave<F>({ value: form, version: detail.version, save, enabled: editable });
  const issues = useMemo(() => elementIssues(autosave.error), [autosave.error]);
  const update = useCallback((change: (form: F) => F) => setForm(change), []);

  const conflict = autosave.conflict;
  const { takeTheirs: keepTheirs } = autosave;
  const takeTheirs = useCallback(() => {
    if (conflict === null) return;
    const theirs = toForm(conflict.data as ElementData[K]);
    // Their version may carry another code (they renamed it): later saves go to that code.
    code.current = conflict.code;
    setStoredCode(conflict.code);
    setForm(theirs);
    keepTheirs(theirs);
  }, [conflict, toForm, keepTheirs]);

  return { form, code: storedCode, update, autosave, issues, takeTheirs };
}
