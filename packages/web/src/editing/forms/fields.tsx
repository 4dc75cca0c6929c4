import type { ReactNode, TextareaHTMLAttributes } from 'react';

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((value) => value !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A hint and an error under a label, tied to the control with aria-describedby. */
function Notes({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
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

/** A labelled multi-line text whose hint and error are tied to it. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...textarea
}: { id: string; label: string; hint?: string | undefined; error?: string | undefined } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id'
>) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <Notes id={id} hint={hint} error={error} />
      <textarea id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
    </div>
  );
}

/** A group of checkboxes under a legend, one per value, with the values' translated names. */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  values,
  selected,
  labelOf,
  onChange,
  error,
  hint,
}: {
  id: string;
  legend: string;
  values: readonly V[];
  selected: readonly V[];
  labelOf: (value: V) => string;
  onChange: (selected: V[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const toggle = (value: V, checked: boolean) => {
    // The package keeps the values in the order of the vocabulary.
    onChange(values.filter((candidate) => (candidate === value ? checked : selected.includes(candidate))));
  };
  return (
    <fieldset
      className={error ? 'field checkbox-group field-invalid' : 'field checkbox-group'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{legend}</legend>
      <Notes id={id} hint={hint} error={error} />
      <div className="checkbox-grid">
        {values.map((value) => (
          <div className="checkbox" key={value}>
            <input
              id={`${id}-${value}`}
              type="checkbox"
              checked={selected.includes(value)}
              onChange={(event) => toggle(value, event.target.checked)}
            />
            <label htmlFor={`${id}-${value}`}>{labelOf(value)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A fieldset with a legend, for a group of related fields. */
export function Group({ legend, children, className }: { legend: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={className ? `form-group ${className}` : 'form-group'}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
