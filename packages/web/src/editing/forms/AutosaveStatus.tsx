import { useLanguage } from '../../i18n.ts';
import type { Autosave } from '../useAutosave.ts';

/**
 * Where the form's saving stands, in words: "Saving…", "Saved", or "Not saved: …" with the reason and
 * the problems that belong to no field on screen; after a failure, a button to try again.
 */
export function AutosaveStatus<F>({ autosave, unplaced }: { autosave: Autosave<F>; unplaced: string[] }) {
  const { t } = useLanguage();
  const { state, error } = autosave;
  const failed = state === 'invalid' || state === 'failed' || state === 'conflict';
  let text: string;
  if (state === 'saved') text = t('app.editor.autosave.saved');
  else if (state === 'pending' || state === 'saving') text = t('app.editor.autosave.saving');
  else if (state === 'conflict') text = t('app.editor.autosave.notSaved', { reason: t('app.editor.autosave.conflict') });
  else text = t('app.editor.autosave.notSaved', { reason: error?.message ?? t('app.errors.unexpected') });
  return (
    <div className={`autosave autosave-${state}`}>
      <p role="status" className="autosave-state" data-testid="autosave-state">
        {text}
      </p>
      {failed && unplaced.length > 0 ? (
        <ul className="autosave-issues">
          {unplaced.map((message, index) => (
            <li key={`${index}-${message}`}>{message}</li>
          ))}
        </ul>
      ) : null}
      {state === 'failed' ? (
        <button type="button" className="button button-small button-secondary" onClick={() => void autosave.flush()}>
          {t('app.common.retry')}
        </button>
      ) : null}
    </div>
  );
}
