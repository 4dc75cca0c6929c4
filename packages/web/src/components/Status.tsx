import { useLanguage } from '../i18n.ts';

/** A polite "loading" notice for screen readers and sighted readers alike. */
export function Loading() {
  const { t } = useLanguage();
  return (
    <p role="status" className="loading">
      {t('app.common.loading')}
    </p>
  );
}

/** An error message in an alert, with a button to try again when the failure may pass. */
export function ErrorMessage({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useLanguage();
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('app.common.retry')}
        </button>
      ) : null}
    </div>
  );
}
