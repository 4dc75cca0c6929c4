import { useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

/**
 * Asks before deleting: the question, a confirm button that has the focus when the question shows,
 * and cancel. The deletion runs on confirm; when it fails, the reason shows and the question stays.
 */
export function ConfirmDelete({
  textId,
  question,
  confirmLabel,
  onConfirm,
  onDone,
  onCancel,
}: {
  /** The id of the question's paragraph, which names the group. */
  textId: string;
  question: string;
  confirmLabel: string;
  /** Deletes; rejects with the API's error when the deletion is refused. */
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmButton.current?.focus(), []);

  async function remove() {
    setBusy(true);
    try {
      await onConfirm();
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <div className="confirm-box" role="group" aria-labelledby={textId}>
      <p id={textId}>{question}</p>
      {error ? <ErrorSummary message={error.message} problems={error.issues.map((issue) => issue.message)} /> : null}
      <div className="button-row">
        <button ref={confirmButton} type="button" className="button" disabled={busy} onClick={() => void remove()}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('app.common.cancel')}
        </button>
      </div>
    </div>
  );
}
