import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { INSTITUTION_TYPES, LEVELS, type InstitutionType, type Level } from '@ariadne/domain';
import { api, asApiError, issuesByField, participantPath, type Institution } from '../api.ts';
import { conflictingElement, type ConflictingElement } from '../editing/api.ts';
import { ConflictPanel } from '../editing/forms/ConflictPanel.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { i18n, useLanguage } from '../i18n.ts';
import { institutionTypeLabel, levelLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { foldForSearch } from '../search.ts';

/** An institution of the register, with the version to send back with a change when the server gives one. */
type RegisteredInstitution = Institution & { version?: number };

type InstitutionValues = { code: string; name: string; type: InstitutionType; level: Level; area: string };
type InstitutionErrors = Partial<Record<'id' | 'name' | 'type' | 'level' | 'area', string>>;

function isInstitutionType(value: string): value is InstitutionType {
  return (INSTITUTION_TYPES as readonly string[]).includes(value);
}

function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The fields of the institution someone else stored, as the form holds them. */
function storedValues(conflict: ConflictingElement): InstitutionValues | null {
  const data = conflict.data as Partial<{ id: string; code: string; name: string; type: string; level: string; area: string | null }>;
  if (typeof data.name !== 'string') return null;
  return {
    code: data.id ?? data.code ?? conflict.code,
    name: data.name,
    type: typeof data.type === 'string' && isInstitutionType(data.type) ? data.type : 'other',
    level: typeof data.level === 'string' && isLevel(data.level) ? data.level : 'national',
    area: data.area ?? '',
  };
}

/** Both versions of an institution, field by field, after someone else changed it meanwhile. */
function conflictFields(mine: InstitutionValues, conflict: ConflictingElement) {
  const theirs = storedValues(conflict) ?? mine;
  return [
    { field: 'name', label: i18n.t('app.institutions.name'), mine: mine.name, theirs: theirs.name },
    {
      field: 'type',
      label: i18n.t('app.institutions.type'),
      mine: institutionTypeLabel(mine.type),
      theirs: institutionTypeLabel(theirs.type),
    },
    { field: 'level', label: i18n.t('app.institutions.level'), mine: levelLabel(mine.level), theirs: levelLabel(theirs.level) },
    { field: 'area', label: i18n.t('app.institutions.area'), mine: mine.level === 'national' ? '' : mine.area, theirs: theirs.area },
  ];
}

/**
 * Adds an institution to the register or changes one. The area (canton, county, municipality) is
 * asked for institutions below the national level only.
 */
function InstitutionForm({
  participant,
  existing,
  onDone,
  onCancel,
}: {
  participant: string;
  existing: RegisteredInstitution | null;
  onDone: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState<InstitutionValues>(() =>
    existing
      ? {
          code: existing.code,
          name: existing.name,
          type: isInstitutionType(existing.type) ? existing.type : 'other',
          level: isLevel(existing.level) ? existing.level : 'national',
          area: existing.area ?? '',
        }
      : { code: '', name: '', type: 'government', level: 'national', area: '' },
  );
  const [errors, setErrors] = useState<InstitutionErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(existing?.version);
  const [conflict, setConflict] = useState<ConflictingElement | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);
  const set = <K extends keyof InstitutionValues>(key: K, value: InstitutionValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const national = values.level === 'national';
  const headingId = existing ? 'institution-form-edit-heading' : 'institution-form-new-heading';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit(version);
  }

  async function submit(overVersion: number | undefined) {
    setFailure(null);
    setConflict(null);
    const found: InstitutionErrors = {};
    if (values.code.trim() === '') found.id = t('issues.required');
    if (values.name.trim() === '') found.name = t('issues.required');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('errors.VALIDATION_FAILED'));
      focusFirstInvalid(form.current);
      return;
    }
    const body = {
      id: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      level: values.level,
      ...(!national && values.area.trim() !== '' ? { area: values.area.trim() } : {}),
    };
    setBusy(true);
    try {
      if (existing) {
        await api.put(participantPath(participant, `/institutions/${encodeURIComponent(existing.code)}`), {
          ...body,
          ...(overVersion !== undefined ? { version: overVersion } : {}),
        });
      } else {
        await api.post(participantPath(participant, '/institutions'), body);
      }
      onDone(body.id);
    } catch (caught) {
      const error = asApiError(caught);
      const stored = error.code === 'EDIT_CONFLICT' ? conflictingElement(error.current) : undefined;
      if (stored) setConflict(stored);
      const fields = issuesByField(error);
      // The register names the institution by `id`; the list by `code`.
      const idError = fields.id ?? fields.code ?? (error.code === 'ALREADY_EXISTS' ? error.message : undefined);
      setErrors({ id: idError, name: fields.name, type: fields.type, level: fields.level, area: fields.area });
      setFailure(error.message);
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {existing
          ? t('app.editor.registers.institutions.editTitle', { name: existing.name })
          : t('app.editor.registers.institutions.newTitle')}
      </h2>
      {failure && !conflict ? <ErrorSummary message={failure} /> : null}
      {conflict ? (
        <ConflictPanel
          fields={conflictFields(values, conflict)}
          onKeepMine={() => {
            setVersion(conflict.version);
            void submit(conflict.version);
          }}
          onTakeTheirs={() => {
            const theirs = storedValues(conflict);
            if (theirs) setValues(theirs);
            setVersion(conflict.version);
            setConflict(null);
            setFailure(null);
          }}
        />
      ) : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        {existing ? null : (
          <TextField
            id="institution-code"
            label={t('app.institutions.code')}
            hint={t('app.editor.registers.institutions.codeHint')}
            autoComplete="off"
            spellCheck={false}
            value={values.code}
            error={errors.id}
            aria-required="true"
            onChange={(event) => set('code', event.target.value)}
          />
        )}
        <TextField
          id="institution-name"
          label={t('app.institutions.name')}
          autoComplete="off"
          value={values.name}
          error={errors.name}
          aria-required="true"
          onChange={(event) => set('name', event.target.value)}
        />
        <SelectField
          id="institution-form-type"
          label={t('app.institutions.type')}
          value={values.type}
          error={errors.type}
          onChange={(event) => set('type', isInstitutionType(event.target.value) ? event.target.value : 'other')}
        >
          {INSTITUTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {institutionTypeLabel(type)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="institution-form-level"
          label={t('app.institutions.level')}
          value={values.level}
          error={errors.level}
          onChange={(event) => set('level', isLevel(event.target.value) ? event.target.value : 'national')}
        >
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {levelLabel(level)}
            </option>
          ))}
        </SelectField>
        {national ? null : (
          <TextField
            id="institution-area"
            label={t('app.institutions.area')}
            hint={t('app.editor.registers.institutions.areaHint')}
            value={values.area}
            error={errors.area}
            onChange={(event) => set('area', event.target.value)}
          />
        )}
        <FormActions
          busy={busy}
          submitLabel={t('app.editor.registers.save')}
          busyLabel={t('app.editor.registers.saving')}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}

function InstitutionTable({
  institutions,
  participantName,
  canManage,
  onEdit,
}: {
  institutions: RegisteredInstitution[];
  participantName: string;
  canManage: boolean;
  onEdit: (institution: RegisteredInstitution) => void;
}) {
  const { t, language } = useLanguage();
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [level, setLevel] = useState('');

  const types = useMemo(
    () =>
      [...new Set(institutions.map((institution) => institution.type))]
        .map((value) => ({ value, label: institutionTypeLabel(value) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    // The labels depend on the language as well as on the list.
    [institutions, language],
  );

  const needle = foldForSearch(query.trim());
  const shown = institutions.filter(
    (institution) =>
      (type === '' || institution.type === type) &&
      (level === '' || institution.level === level) &&
      (needle === '' ||
        foldForSearch(institution.name).includes(needle) ||
        foldForSearch(institution.code).includes(needle) ||
        foldForSearch(institution.area ?? '').includes(needle)),
  );
  const filtered = needle !== '' || type !== '' || level !== '';

  return (
    <>
      <div className="filters" role="search">
        <TextField
          id="institution-search"
          label={t('app.institutions.search')}
          hint={t('app.institutions.searchHint')}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <SelectField
          id="institution-type"
          label={t('app.institutions.type')}
          value={type}
          onChange={(event) => setType(event.target.value)}
        >
          <option value="">{t('app.institutions.allTypes')}</option>
          {types.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="institution-level"
          label={t('app.institutions.level')}
          value={level}
          onChange={(event) => setLevel(event.target.value)}
        >
          <option value="">{t('app.editor.registers.institutions.allLevels')}</option>
          {LEVELS.map((value) => (
            <option key={value} value={value}>
              {levelLabel(value)}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="count">
        {filtered
          ? t('app.institutions.countFiltered', { shown: shown.length, total: institutions.length })
          : t('app.institutions.count', { count: institutions.length })}
      </p>
      {shown.length === 0 ? (
        <p className="empty">{filtered ? t('app.institutions.noMatch') : t('app.institutions.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="institutions-caption">
          <table>
            <caption id="institutions-caption">{t('app.institutions.caption', { participant: participantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.institutions.code')}</th>
                <th scope="col">{t('app.institutions.name')}</th>
                <th scope="col">{t('app.institutions.type')}</th>
                <th scope="col">{t('app.institutions.level')}</th>
                <th scope="col">{t('app.institutions.area')}</th>
                {canManage ? <th scope="col">{t('app.editor.registers.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((institution) => (
                <tr key={institution.code}>
                  <td>
                    <code>{institution.code}</code>
                  </td>
                  <th scope="row">{institution.name}</th>
                  <td>{institutionTypeLabel(institution.type)}</td>
                  <td>{levelLabel(institution.level)}</td>
                  <td>{institution.area ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                  {canManage ? (
                    <td>
                      <button type="button" className="button button-small button-secondary" onClick={() => onEdit(institution)}>
                        {t('app.editor.registers.editNamed', { code: institution.code })}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; institution: RegisteredInstitution };

/**
 * The institutions of the current Participant, searchable by name, code or area and filterable by
 * type and level; people who manage the register add institutions and change them here.
 */
export function InstitutionsPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const canManage = useAbility('institution.manage');
  const { result, reload } = useApiData<{ items: RegisteredInstitution[] }>(participantPath(participant.code, '/institutions'));
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing({ kind: 'none' });
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  return (
    <Page title={t('app.institutions.title')}>
      <p className="lead">{t('app.institutions.intro', { participant: participant.name })}</p>
      {notice ? (
        <p role="status" className="notice notice-success">
          {notice}
        </p>
      ) : null}
      {canManage && editing.kind === 'none' ? (
        <p>
          <button
            ref={addButton}
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setEditing({ kind: 'new' });
            }}
          >
            {t('app.editor.registers.institutions.add')}
          </button>
        </p>
      ) : null}
      {canManage && editing.kind !== 'none' ? (
        <InstitutionForm
          key={editing.kind === 'edit' ? editing.institution.code : 'new'}
          participant={participant.code}
          existing={editing.kind === 'edit' ? editing.institution : null}
          onDone={(code) => {
            setNotice(
              editing.kind === 'edit'
                ? t('app.editor.registers.institutions.saved', { code })
                : t('app.editor.registers.institutions.added', { code }),
            );
            close();
            reload();
          }}
          onCancel={close}
        />
      ) : null}
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        // Keyed by Participant so that switching Participant clears the search.
        <InstitutionTable
          key={participant.code}
          institutions={result.data.items}
          participantName={participant.name}
          canManage={canManage}
          onEdit={(institution) => {
            setNotice(null);
            setEditing({ kind: 'edit', institution });
          }}
        />
      ) : null}
    </Page>
  );
}
