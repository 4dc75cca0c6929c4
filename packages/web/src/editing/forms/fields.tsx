import type { ReactNode, TextareaHTMLAttributes } from 'react';
import type { ApiError } from '../../api.ts';
import { FieldNotes, TextField, describedBy } from '../../components/Field.tsx';
import { useLanguage } from '../../i18n.ts';

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
      <FieldNotes id={id} hint={hint} error={error} />
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
      <FieldNotes id={id} hint={hint} error={error} />
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

/**
 * An element's code, which the strategy's other elements refer to it by. Without `onChange` the
 * code is kept as it is: shown read-only, without the hint on how to write one.
 */
export function CodeField({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  error?: string | undefined;
  onChange?: (value: string) => void;
}) {
  const { t } = useLanguage();
  return (
    <TextField
      id={id}
      label={t('app.editor.fields.code')}
      hint={onChange ? t('app.editor.fields.codeHint') : undefined}
      value={value}
      readOnly={onChange ? undefined : true}
      onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      error={error}
      autoComplete="off"
      className="input-code"
    />
  );
}

/** When something runs: a start and an end date side by side. */
export function DateRangeFields({
  id,
  start,
  end,
  errors,
  onChange,
}: {
  /** The fields' ids are `${id}-start` and `${id}-end`. */
  id: string;
  start: string;
  end: string;
  errors: { start?: string | undefined; end?: string | undefined };
  onChange: (edge: 'start' | 'end', value: string) => void;
}) {
  const { t } = useLanguage();
  return (
    <div className="field-row">
      <TextField
        id={`${id}-start`}
        type="date"
        label={t('app.editor.activity.start')}
        value={start}
        onChange={(event) => onChange('start', event.target.value)}
        error={errors.start}
      />
      <TextField
        id={`${id}-end`}
        type="date"
        label={t('app.editor.activity.end')}
        value={end}
        onChange={(event) => onChange('end', event.target.value)}
        error={errors.end}
      />
    </div>
  );
}

/**
 * Why an element's short form was refused, at its top: the issue about the element as a whole, or
 * the error's message when no field has an issue to show next to itself.
 */
export function ElementProblem({ error, issues }: { error: ApiError | null; issues: ReadonlyMap<string, string> }) {
  return error !== null && (issues.get('') !== undefined || issues.size === 0) ? (
    <p className="field-error" role="alert">
      {issues.get('') ?? error.message}
    </p>
  ) : null;
}
