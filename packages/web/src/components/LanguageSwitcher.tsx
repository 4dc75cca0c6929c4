import { useState, type ChangeEvent } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '@ariadne/domain';
import { asApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** The language select, listing each language by its own name, that switches and remembers the language. */
export function LanguageSwitcher({ id, compact = false, hint }: { id: string; compact?: boolean; hint?: string }) {
  // Compact (in the header), the label is read by screen readers only: each option names its
  // language in that language, which says what the select is for to anyone who can see it.
  const { changeLanguage } = useSession();
  const { language, t } = useLanguage();
  const [error, setError] = useState<string | null>(null);

  async function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const chosen = event.target.value;
    if (!isLanguage(chosen)) return;
    setError(null);
    try {
      await changeLanguage(chosen);
    } catch (failure) {
      setError(asApiError(failure).message);
    }
  }

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((value) => value !== null);
  return (
    <div className={compact ? 'language-switcher language-switcher-compact' : 'field language-switcher'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('app.language.label')}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        value={language}
        onChange={(event) => void onChange(event)}
        aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {t('app.language.notSaved', { reason: error })}
        </p>
      ) : null}
    </div>
  );
}
