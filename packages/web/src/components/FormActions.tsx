import { useLanguage } from '../i18n.ts';

/** The buttons at the foot of a form: send it (not again while it is on its way) or cancel. */
export function FormActions({
  busy,
  submitLabel,
  busyLabel,
  onCancel,
}: {
  busy: boolean;
  submitLabel: string;
  /** Shown on the submit button while the form is sent, e.g. "Saving…"; the submit label when not given. */
  busyLabel?: string;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={busy}>
        {busy ? (busyLabel ?? submitLabel) : submitLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('app.common.cancel')}
      </button>
    </div>
  );
}
