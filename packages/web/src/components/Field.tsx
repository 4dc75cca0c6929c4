import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '@ariadne/domain';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

type Described = { id: string; label: string; hint?: string | undefined; error?: string | undefined };

/** The ids of a control's hint and error, for its aria-describedby (`FieldNotes` renders them). */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((value) => value !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A hint and an error under a label, with the ids `describedBy` ties the control to. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Frame({ id, label, hint, error, children }: Described & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A labelled text input whose hint and error are tied to it with aria-describedby. */
export function TextField({ id, label, hint, error, ...input }: Described & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </Frame>
  );
}

/** A labelled select whose hint and error are tied to it with aria-describedby. */
export function SelectField({
  id,
  label,
  hint,
  error,
  children,
  ...select
}: Described & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
    </Frame>
  );
}

/** A labelled choice of one of the seven languages, each named in itself (for a document to generate). */
export function LanguageField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Language;
  onChange: (language: Language) => void;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={(event) => {
        if (isLanguage(event.target.value)) onChange(event.target.value);
      }}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </SelectField>
  );
}

/** Moves focus to the first field of a form that reports an error, after the errors have rendered. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.setTimeout(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, 0);
}
