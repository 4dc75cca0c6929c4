import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  FOLLOW_UP_STATUS_KEYS,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTHS,
  formatDate,
  type FollowUpResult,
  type FollowUpStatus,
  type Language,
  type PlanPackage,
  type Recommendation,
  type RecommendationSource,
  type RecommendationStrength,
} from '@ariadne/domain';
import { api, asApiError, type ApiError } from '../api.ts';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LanguageField, SelectField, TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { editingApi, type StrategyOutline } from '../editing/api.ts';
import { ConflictPanel } from '../editing/forms/ConflictPanel.tsx';
import { TextAreaField } from '../editing/forms/fields.tsx';
import { elementIssues, unplacedIssues } from '../editing/issues.ts';
import { useElementSave } from '../editing/useElementSave.ts';
import { useOutline } from '../editing/useOutline.ts';
import { useLanguage } from '../i18n.ts';
import { localToday } from '../format.ts';
import { activityStatusLabel, recommendationSourceLabel, recommendationStrengthLabel } from '../labels.ts';
import { XLSX_TYPE, cellOf } from '../templatesApi.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { packagePath } from './PlansPage.tsx';
import { foldForSearch } from '../search.ts';
import '../editing/editor.css';
import '../strategy.css';

type Listed = StrategyOutline['recommendations'][number];

/** An activity answering a recommendation, with the action plan it belongs to. */
type Answer = { plan: string; activity: string };

/**
 * Which activities answer each recommendation. The outline does not carry an activity's
 * recommendations, so they are read from the strategy's plan package, once, after the list shows.
 */
function useAnswers(participant: string, strategyId: string): { answers: Map<string, Answer[]> | null; error: ApiError | null } {
  const [answers, setAnswers] = useState<Map<string, Answer[]> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<PlanPackage>(packagePath(participant, strategyId), { signal: controller.signal })
      .then((plan) => {
        if (controller.signal.aborted) return;
        const found = new Map<string, Answer[]>();
        for (const actionPlan of plan.actionPlans) {
          for (const activity of actionPlan.activities) {
            for (const recommendation of activity.recommendations ?? []) {
              found.set(recommendation, [...(found.get(recommendation) ?? []), { plan: actionPlan.id, activity: activity.id }]);
            }
          }
        }
        setAnswers(found);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(caught));
      });
    return () => controller.abort();
  }, [participant, strategyId]);
  return { answers, error };
}

type Values = {
  id: string;
  source: RecommendationSource;
  reference: string;
  year: string;
  text: string;
  strength: RecommendationStrength | '';
};

const FORM_FIELDS = ['id', 'source', 'reference', 'year', 'text', 'strength'];

function valuesOf(recommendation: Pick<Recommendation, 'id' | 'source' | 'reference' | 'year' | 'text' | 'strength'>): Values {
  return {
    id: recommendation.id,
    source: recommendation.source,
    reference: recommendation.reference ?? '',
    year: String(recommendation.year),
    text: recommendation.text,
    strength: recommendation.strength ?? '',
  };
}

function RecommendationForm({
  participant,
  strategyId,
  existing,
  onDone,
  onCancel,
}: {
  participant: string;
  strategyId: string;
  existing: Listed | null;
  onDone: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState<Values>(() =>
    existing
      ? valuesOf(existing)
      : { id: '', source: 'greta', reference: '', year: String(new Date().getFullYear()), text: '', strength: '' },
  );
  const saving = useElementSave(participant, strategyId, existing?.version ?? 0);
  const { form, version, error, conflict, busy } = saving;
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const issueMap = elementIssues(error);
  const issues: Record<string, string> = { ...Object.fromEntries(issueMap), ...local };
  const unplaced = unplacedIssues(issueMap, (field) => FORM_FIELDS.includes(field));
  const headingId = existing ? `recommendation-form-${existing.id}-heading` : 'recommendation-form-new-heading';

  async function submit(overVersion: number) {
    const found: Record<string, string> = {};
    if (!existing && values.id.trim() === '') found.id = t('issues.required');
    if (!/^\d{4}$/.test(values.year.trim())) found.year = t('app.editor.strategy.problems.year');
    if (values.text.trim() === '') found.text = t('issues.required');
    setLocal(found);
    saving.setError(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    const data: Recommendation = {
      id: existing ? existing.id : values.id.trim(),
      source: values.source,
      ...(values.reference.trim() !== '' ? { reference: values.reference.trim() } : {}),
      year: Number(values.year.trim()),
      text: values.text,
      ...(values.strength !== '' ? { strength: values.strength } : {}),
    };
    await saving.save(
      existing
        ? { op: 'update', kind: 'recommendation', code: existing.id, version: overVersion, data }
        : { op: 'create', kind: 'recommendation', data },
      () => onDone(data.id),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(version);
  }

  const theirs = conflict ? valuesOf(conflict.data as Recommendation) : null;
  const strengthText = (value: string) => (value === '' ? '' : recommendationStrengthLabel(value));

  return (
    <section className="panel editor-form" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {existing
          ? t('app.editor.registers.recommendations.editTitle', { code: existing.id })
          : t('app.editor.registers.recommendations.newTitle')}
      </h2>
      {error && !conflict ? <ErrorSummary message={error.message} problems={unplaced} /> : null}
      {conflict && theirs ? (
        <ConflictPanel
          fields={[
            {
              field: 'source',
              label: t('app.editor.registers.recommendations.source'),
              mine: recommendationSourceLabel(values.source),
              theirs: recommendationSourceLabel(theirs.source),
            },
            {
              field: 'reference',
              label: t('app.editor.registers.recommendations.reference'),
              mine: values.reference,
              theirs: theirs.reference,
            },
            { field: 'year', label: t('app.editor.registers.recommendations.year'), mine: values.year, theirs: theirs.year },
            { field: 'text', label: t('app.editor.registers.recommendations.text'), mine: values.text, theirs: theirs.text },
            {
              field: 'strength',
              label: t('app.editor.registers.recommendations.strength'),
              mine: strengthText(values.strength),
              theirs: strengthText(theirs.strength),
            },
          ]}
          onKeepMine={() => saving.keepMine((overVersion) => void submit(overVersion))}
          onTakeTheirs={() => {
            setValues(theirs);
            saving.tookTheirs();
          }}
        />
      ) : null}
      <form ref={form} noValidate onSubmit={onSubmit}>
        {existing ? null : (
          <TextField
            id="recommendation-id"
            label={t('app.editor.registers.recommendations.code')}
            hint={t('app.editor.registers.recommendations.codeHint')}
            autoComplete="off"
            spellCheck={false}
            value={values.id}
            error={issues.id}
            aria-required="true"
            onChange={(event) => set('id', event.target.value)}
          />
        )}
        <div className="field-row">
          <SelectField
            id="recommendation-source"
            label={t('app.editor.registers.recommendations.source')}
            value={values.source}
            error={issues.source}
            onChange={(event) => set('source', event.target.value as RecommendationSource)}
          >
            {RECOMMENDATION_SOURCES.map((source) => (
              <option key={source} value={source}>
                {recommendationSourceLabel(source)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="recommendation-year"
            label={t('app.editor.registers.recommendations.year')}
            inputMode="numeric"
            autoComplete="off"
            value={values.year}
            error={issues.year}
            aria-required="true"
            onChange={(event) => set('year', event.target.value)}
          />
        </div>
        <TextField
          id="recommendation-reference"
          label={t('app.editor.registers.recommendations.reference')}
          hint={t('app.editor.registers.recommendations.referenceHint')}
          value={values.reference}
          error={issues.reference}
          onChange={(event) => set('reference', event.target.value)}
        />
        <TextAreaField
          id="recommendation-text"
          label={t('app.editor.registers.recommendations.text')}
          rows={5}
          value={values.text}
          error={issues.text}
          aria-required="true"
          onChange={(event) => set('text', event.target.value)}
        />
        <SelectField
          id="recommendation-strength"
          label={t('app.editor.registers.recommendations.strength')}
          hint={t('app.editor.registers.recommendations.strengthHint')}
          value={values.strength}
          error={issues.strength}
          onChange={(event) => set('strength', event.target.value as RecommendationStrength | '')}
        >
          <option value="">{t('app.editor.strategy.fields.notChosen')}</option>
          {RECOMMENDATION_STRENGTHS.map((strength) => (
            <option key={strength} value={strength}>
              {recommendationStrengthLabel(strength)}
            </option>
          ))}
        </SelectField>
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

function DeleteRecommendation({
  participant,
  strategyId,
  recommendation,
  onDone,
  onCancel,
}: {
  participant: string;
  strategyId: string;
  recommendation: Listed;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  return (
    <ConfirmDelete
      textId={`delete-recommendation-${recommendation.id.replace(/[^A-Za-z0-9_-]/g, '_')}-text`}
      question={t('app.editor.registers.recommendations.confirmDelete', { code: recommendation.id })}
      confirmLabel={t('app.editor.registers.deleteConfirm')}
      onConfirm={() =>
        editingApi(participant, strategyId).edit([
          { op: 'delete', kind: 'recommendation', code: recommendation.id, version: recommendation.version },
        ])
      }
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

type Mode = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; code: string } | { kind: 'delete'; code: string };

function Register({
  participant,
  strategyId,
  outline,
  onChanged,
}: {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const canEdit = useAbility('plan.edit');
  const editable = canEdit && outline.strategy.editable;
  const { answers, error: answersError } = useAnswers(participant, strategyId);
  const [query, setQuery] = useState('');
  const [source, setSource] = useState('');
  const [year, setYear] = useState('');
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const all = outline.recommendations;

  const sources = RECOMMENDATION_SOURCES.filter((value) => all.some((recommendation) => recommendation.source === value)).map((value) => ({
    value,
    label: recommendationSourceLabel(value),
  }));
  const years = useMemo(() => [...new Set(all.map((recommendation) => recommendation.year))].sort((a, b) => b - a), [all]);

  const needle = foldForSearch(query.trim());
  const shown = all.filter(
    (recommendation) =>
      (source === '' || recommendation.source === source) &&
      (year === '' || String(recommendation.year) === year) &&
      (needle === '' ||
        foldForSearch(recommendation.text).includes(needle) ||
        foldForSearch(recommendation.id).includes(needle) ||
        foldForSearch(recommendation.reference ?? '').includes(needle)),
  );
  const filtered = needle !== '' || source !== '' || year !== '';

  const finish = (message: string) => {
    setMode({ kind: 'none' });
    setNotice(message);
    onChanged();
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  const close = () => {
    setMode({ kind: 'none' });
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  const find = (code: string) => all.find((recommendation) => recommendation.id === code) ?? null;

  return (
    <>
      {!canEdit ? null : !outline.strategy.editable ? <p className="notice">{t('app.editor.strategy.frozen')}</p> : null}
      {notice ? (
        <p role="status" className="notice notice-success">
          {notice}
        </p>
      ) : null}
      {mode.kind === 'new' ? (
        <RecommendationForm
          participant={participant}
          strategyId={strategyId}
          existing={null}
          onDone={(code) => finish(t('app.editor.registers.recommendations.added', { code }))}
          onCancel={close}
        />
      ) : null}
      {mode.kind === 'edit' && find(mode.code) ? (
        <RecommendationForm
          key={mode.code}
          participant={participant}
          strategyId={strategyId}
          existing={find(mode.code)}
          onDone={(code) => finish(t('app.editor.registers.recommendations.saved', { code }))}
          onCancel={close}
        />
      ) : null}
      {mode.kind === 'delete' && find(mode.code) ? (
        <DeleteRecommendation
          participant={participant}
          strategyId={strategyId}
          recommendation={find(mode.code) as Listed}
          onDone={() => finish(t('app.editor.registers.recommendations.deleted', { code: mode.code }))}
          onCancel={close}
        />
      ) : null}
      {editable && mode.kind === 'none' ? (
        <p>
          <button
            ref={addButton}
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setMode({ kind: 'new' });
            }}
          >
            {t('app.editor.registers.recommendations.add')}
          </button>
        </p>
      ) : null}

      <div className="filters" role="search">
        <TextField
          id="recommendation-search"
          label={t('app.editor.registers.recommendations.search')}
          hint={t('app.institutions.searchHint')}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <SelectField
          id="recommendation-filter-source"
          label={t('app.editor.registers.recommendations.source')}
          value={source}
          onChange={(event) => setSource(event.target.value)}
        >
          <option value="">{t('app.editor.registers.recommendations.allSources')}</option>
          {sources.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="recommendation-filter-year"
          label={t('app.editor.registers.recommendations.year')}
          value={year}
          onChange={(event) => setYear(event.target.value)}
        >
          <option value="">{t('app.editor.registers.recommendations.allYears')}</option>
          {years.map((value) => (
            <option key={value} value={String(value)}>
              {value}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="count">
        {filtered
          ? t('app.editor.registers.recommendations.countFiltered', { shown: shown.length, total: all.length })
          : t('app.editor.registers.recommendations.count', { count: all.length })}
      </p>
      {answersError ? (
        <p className="notice">{t('app.editor.registers.recommendations.answersUnavailable', { reason: answersError.message })}</p>
      ) : null}
      {shown.length === 0 ? (
        <p className="empty">
          {filtered ? t('app.editor.registers.recommendations.noMatch') : t('app.editor.registers.recommendations.none')}
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="recommendations-caption">
          <table>
            <caption id="recommendations-caption">
              {t('app.editor.registers.recommendations.caption', { strategy: outline.strategy.id })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('app.editor.registers.recommendations.code')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.source')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.reference')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.year')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.strength')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.text')}</th>
                <th scope="col">{t('app.editor.registers.recommendations.answeredBy')}</th>
                {editable ? <th scope="col">{t('app.editor.registers.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((recommendation) => {
                const answering = answers?.get(recommendation.id) ?? [];
                return (
                  <tr key={recommendation.id}>
                    <th scope="row" className="nowrap">
                      <code>{recommendation.id}</code>
                    </th>
                    <td>{recommendationSourceLabel(recommendation.source)}</td>
                    <td>{recommendation.reference ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                    <td className="nowrap">{recommendation.year}</td>
                    <td>
                      {recommendation.strength ? (
                        recommendationStrengthLabel(recommendation.strength)
                      ) : (
                        <span className="muted">{t('app.common.notSet')}</span>
                      )}
                    </td>
                    <td className="recommendation-text">{recommendation.text}</td>
                    <td>
                      {answers === null ? (
                        answersError ? null : (
                          <span className="muted">{t('app.common.loading')}</span>
                        )
                      ) : answering.length === 0 ? (
                        <span className="muted">{t('app.editor.registers.recommendations.notAnswered')}</span>
                      ) : (
                        <ul className="code-list">
                          {answering.map((answer) => (
                            <li key={`${answer.plan}:${answer.activity}`}>
                              <Link to={`/plans/${encodeURIComponent(answer.plan)}/elements/${encodeURIComponent(answer.activity)}`}>
                                {answer.activity}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    {editable ? (
                      <td>
                        <div className="button-row">
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            onClick={() => {
                              setNotice(null);
                              setMode({ kind: 'edit', code: recommendation.id });
                            }}
                          >
                            {t('app.editor.registers.editNamed', { code: recommendation.id })}
                          </button>
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            onClick={() => {
                              setNotice(null);
                              setMode({ kind: 'delete', code: recommendation.id });
                            }}
                          >
                            {t('app.editor.registers.deleteNamed', { code: recommendation.id })}
                          </button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Where the follow-up and the answers for GRETA of a strategy's recommendations are. */
function recommendationsPath(participant: string, strategyId: string): string {
  return `/api/participants/${encodeURIComponent(participant)}/strategies/${encodeURIComponent(strategyId)}/recommendations`;
}

/** The badge of each follow-up status: the word carries the meaning, the colour helps to scan. */
const STATUS_BADGES = {
  not_addressed: 'badge-error',
  in_progress: 'badge-info',
  partly_implemented: 'badge-warning',
  implemented: 'badge-success',
} as const satisfies Record<FollowUpStatus, string>;

/** The follow-up status as a word, marked for the eye as well. */
function StatusWord({ status }: { status: FollowUpStatus }) {
  const { t } = useLanguage();
  return <span className={`badge ${STATUS_BADGES[status]} follow-up follow-up-${status}`}>{t(FOLLOW_UP_STATUS_KEYS[status])}</span>;
}

type Imported = { imported: number; codes: string[] };

/** The import of recommendations from a workbook: every problem of the file by row and column, nothing saved until it is clean. */
function ImportRecommendations({
  participant,
  strategyId,
  onImported,
}: {
  participant: string;
  strategyId: string;
  onImported: () => void;
}) {
  const { t } = useLanguage();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) {
      setFileError(t('app.recommendations.import.chooseFile'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const answer = await api.postFile<Imported>(`${recommendationsPath(participant, strategyId)}/import`, file, XLSX_TYPE);
      setDone(answer);
      onImported();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="recommendations-import-title">
      <h2 id="recommendations-import-title">{t('app.recommendations.import.title')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={busy} className="narrow-form">
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="recommendations-import-file">{t('app.recommendations.import.file')}</label>
          <p id="recommendations-import-hint" className="field-hint">
            {t('app.recommendations.import.hint')}
          </p>
          {fileError ? (
            <p id="recommendations-import-error" className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
          <input
            ref={input}
            id="recommendations-import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'recommendations-import-hint recommendations-import-error' : 'recommendations-import-hint'}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.recommendations.import.busy') : t('app.recommendations.import.submit')}
        </button>
      </form>
      {done ? (
        <p role="status" className="notice notice-success">
          {t('app.recommendations.import.done', { count: done.imported })}
        </p>
      ) : null}
      {error ? (
        <div role="alert" className="notice notice-error">
          <p>{error.issues.length > 0 ? t('app.recommendations.import.problems') : error.message}</p>
          {error.issues.length > 0 ? (
            <ul>
              {error.issues.map((issue, index) => {
                const cell = cellOf(issue.path);
                const row = cell?.row ?? /!(\d+)$/.exec(issue.path)?.[1];
                return (
                  <li key={`${index}:${issue.path}`}>
                    {cell && row !== undefined
                      ? t('app.recommendations.import.problem', { row, column: cell.column, message: issue.message })
                      : issue.message}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The answers for GRETA's questionnaire, downloaded as a Word document in a chosen language. */
function GretaAnswers({ participant, strategyId, asOf }: { participant: string; strategyId: string; asOf: string }) {
  const { t, language: current } = useLanguage();
  const [language, setLanguage] = useState<Language>(current);
  const href = `${recommendationsPath(participant, strategyId)}/greta-answers.docx?asOf=${encodeURIComponent(asOf)}&language=${encodeURIComponent(language)}`;
  return (
    <section className="panel" aria-labelledby="greta-answers-title">
      <h2 id="greta-answers-title">{t('app.recommendations.answers.title')}</h2>
      <p>{t('app.recommendations.answers.hint')}</p>
      <div className="filters">
        <LanguageField
          id="greta-answers-language"
          label={t('app.recommendations.answers.language')}
          value={language}
          onChange={setLanguage}
        />
      </div>
      <p>
        <a className="button" href={href} download>
          {t('app.recommendations.answers.download')}
        </a>
      </p>
    </section>
  );
}

/** The recommendations grouped by source in the order of the follow-up (GRETA first, the unaddressed first). */
function bySource(result: FollowUpResult): { source: string; items: FollowUpResult['recommendations'] }[] {
  const groups: { source: string; items: FollowUpResult['recommendations'] }[] = [];
  for (const item of result.recommendations) {
    const last = groups.at(-1);
    if (last && last.source === item.source) last.items.push(item);
    else groups.push({ source: item.source, items: [item] });
  }
  return groups;
}

/**
 * The follow-up of the recommendations as of a date: per source, each recommendation's status now
 * and year by year as words, with the activities that answer it; the answers for GRETA to download,
 * and the import of a workbook for editors.
 */
function FollowUp({
  participant,
  strategyId,
  canImport,
  onImported,
}: {
  participant: string;
  strategyId: string;
  canImport: boolean;
  onImported: () => void;
}) {
  const { t, language } = useLanguage();
  const [asOf, setAsOf] = useState(localToday);
  const [result, setResult] = useState<FollowUpResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);

  useEffect(() => {
    if (!valid) return undefined;
    const controller = new AbortController();
    api
      .get<FollowUpResult>(`${recommendationsPath(participant, strategyId)}/follow-up?asOf=${encodeURIComponent(asOf)}`, {
        signal: controller.signal,
      })
      .then((answer) => {
        if (controller.signal.aborted) return;
        setResult(answer);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(caught));
      });
    return () => controller.abort();
  }, [participant, strategyId, asOf, valid, generation]);

  return (
    <>
      <p>{t('app.recommendations.followUp.intro')}</p>
      <div className="filters">
        <TextField
          id="follow-up-as-of"
          type="date"
          label={t('app.recommendations.followUp.asOf')}
          hint={t('app.recommendations.followUp.asOfHint')}
          value={asOf}
          onChange={(event) => setAsOf(event.target.value)}
        />
      </div>
      <p className="muted">{t('app.recommendations.followUp.legend')}</p>
      {error ? <ErrorMessage message={error.message} onRetry={() => setGeneration((value) => value + 1)} /> : null}
      {result === null && error === null ? <p role="status">{t('app.recommendations.followUp.loading')}</p> : null}
      {result && result.recommendations.length === 0 ? <p className="empty">{t('app.recommendations.followUp.none')}</p> : null}
      {result
        ? bySource(result).map((group) => {
            const years = [...new Set(group.items.flatMap((item) => item.years.map((year) => year.year)))].sort((a, b) => a - b);
            const captionId = `follow-up-${group.source}`;
            return (
              <div key={group.source} className="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
                <table>
                  <caption id={captionId}>
                    {t('app.recommendations.followUp.caption', {
                      source: recommendationSourceLabel(group.source),
                      date: formatDate(result.asOf, language),
                    })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('app.recommendations.followUp.recommendation')}</th>
                      <th scope="col">{t('app.recommendations.followUp.now')}</th>
                      {years.map((year) => (
                        <th scope="col" key={year} className="nowrap">
                          {year}
                        </th>
                      ))}
                      <th scope="col">{t('app.recommendations.followUp.activities')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.items.map((item) => (
                      <tr key={item.id}>
                        <th scope="row">
                          <code>{item.id}</code>
                          {item.reference ? <div>{item.reference}</div> : null}
                          <div className="recommendation-text">{item.text}</div>
                        </th>
                        <td>
                          <StatusWord status={item.status} />
                        </td>
                        {years.map((year) => {
                          const found = item.years.find((entry) => entry.year === year);
                          return <td key={year}>{found ? <StatusWord status={found.status} /> : null}</td>;
                        })}
                        <td>
                          {item.activities.length === 0 ? (
                            <span className="muted">{t('app.recommendations.followUp.noActivity')}</span>
                          ) : (
                            <ul className="code-list">
                              {item.activities.map((activity) => (
                                <li key={`${activity.plan}:${activity.id}`}>
                                  <Link to={`/plans/${encodeURIComponent(activity.plan)}/elements/${encodeURIComponent(activity.id)}`}>
                                    {t('app.recommendations.followUp.activity', {
                                      code: activity.id,
                                      title: activity.title,
                                      status: activityStatusLabel(activity.status),
                                    })}
                                  </Link>{' '}
                                  {activity.round ? (
                                    <span className="muted">{t('app.recommendations.followUp.reportedIn', { round: activity.round })}</span>
                                  ) : null}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })
        : null}
      {valid ? <GretaAnswers participant={participant} strategyId={strategyId} asOf={asOf} /> : null}
      {canImport ? (
        <ImportRecommendations
          participant={participant}
          strategyId={strategyId}
          onImported={() => {
            setGeneration((value) => value + 1);
            onImported();
          }}
        />
      ) : null}
    </>
  );
}

type View = 'register' | 'followUp';

/**
 * The recommendations a strategy answers (GRETA, the Committee of the Parties, the US TIP report,
 * evaluations, …): searchable by text, source and year, with the activities that answer each, and,
 * for editors of an editable strategy, a form to add, change and delete them.
 */
export function RecommendationsPage() {
  const { strategyId = '' } = useParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const { outline, error, reload } = useOutline(participant.code, strategyId);
  const canEdit = useAbility('plan.edit');
  const [view, setView] = useState<View>('register');
  return (
    <Page title={t('app.editor.registers.recommendations.title')}>
      <p className="print-hide">
        <Link to={`/strategies/${encodeURIComponent(strategyId)}`}>{t('app.editor.registers.recommendations.back')}</Link>
      </p>
      {outline ? <p className="lead">{t('app.editor.registers.recommendations.intro', { strategy: outline.strategy.title })}</p> : null}
      {error ? <ErrorMessage message={error.message} onRetry={reload} /> : null}
      {outline === null && error === null ? <Loading /> : null}
      {outline ? (
        <div className="button-row" role="group" aria-label={t('app.recommendations.views.label')}>
          <button type="button" className="button button-secondary" aria-pressed={view === 'register'} onClick={() => setView('register')}>
            {t('app.recommendations.views.register')}
          </button>
          <button type="button" className="button button-secondary" aria-pressed={view === 'followUp'} onClick={() => setView('followUp')}>
            {t('app.recommendations.views.followUp')}
          </button>
        </div>
      ) : null}
      {outline && view === 'register' ? (
        <Register
          key={`${participant.code}\u0000${strategyId}`}
          participant={participant.code}
          strategyId={strategyId}
          outline={outline}
          onChanged={reload}
        />
      ) : null}
      {outline && view === 'followUp' ? (
        <FollowUp
          key={`${participant.code}\u0000${strategyId}`}
          participant={participant.code}
          strategyId={strategyId}
          canImport={canEdit && outline.strategy.editable}
          onImported={reload}
        />
      ) : null}
    </Page>
  );
}
