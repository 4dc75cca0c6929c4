import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { RISK_CATEGORIES, type Risk, type RiskCategory } from '@ariadne/domain';
import { asApiError, type ApiError } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { editingApi, type ElementDetail, type StrategyOutline } from '../../editing/api.ts';
import { useLanguage } from '../../i18n.ts';
import { ConflictPanel } from '../../editing/forms/ConflictPanel.tsx';
import { TextAreaField } from '../../editing/forms/fields.tsx';
import { InstitutionPicker } from '../../editing/forms/InstitutionPicker.tsx';
import { elementIssues, unplacedIssues } from '../../editing/issues.ts';
import { useElementSave } from '../../editing/useElementSave.ts';
import { RiskHeatMap } from './RiskHeatMap.tsx';
import { impactLabel, likelihoodLabel, riskCategoryLabel, riskRating, riskRatingLabel } from './vocabulary.ts';

type Props = {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  /** False when the strategy is frozen or the reader may not edit it. */
  editable: boolean;
  onChanged: () => void;
};

type Level = 1 | 2 | 3 | 4 | 5;
const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

function toLevel(value: string): Level {
  const number = Number(value);
  return number === 1 || number === 2 || number === 3 || number === 4 || number === 5 ? number : 3;
}

type RiskValues = {
  id: string;
  category: RiskCategory;
  description: string;
  likelihood: Level;
  impact: Level;
  mitigation: string;
  owner: string;
};

function valuesOf(risk: Risk): RiskValues {
  return {
    id: risk.id,
    category: risk.category,
    description: risk.description,
    likelihood: risk.likelihood,
    impact: risk.impact,
    mitigation: risk.mitigation ?? '',
    owner: risk.owner ?? '',
  };
}

function riskOf(values: RiskValues): Risk {
  return {
    id: values.id.trim(),
    description: values.description,
    category: values.category,
    likelihood: values.likelihood,
    impact: values.impact,
    ...(values.mitigation.trim() !== '' ? { mitigation: values.mitigation } : {}),
    ...(values.owner !== '' ? { owner: values.owner } : {}),
  };
}

const EMPTY: RiskValues = { id: '', category: 'political', description: '', likelihood: 3, impact: 3, mitigation: '', owner: '' };

const FORM_FIELDS = ['id', 'category', 'description', 'likelihood', 'impact', 'mitigation', 'owner'];

/** Reads every risk's full record (the outline leaves out mitigation and owner); a register holds a few dozen at most. */
function useRiskDetails(participant: string, strategyId: string, risks: StrategyOutline['risks']) {
  const [details, setDetails] = useState<{ key: string; items: Map<string, ElementDetail<'risk'>> } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = risks.map((risk) => `${risk.id}@${risk.version}`).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const calls = editingApi(participant, strategyId);
    const codes = key === '' ? [] : key.split(',').map((entry) => entry.slice(0, entry.lastIndexOf('@')));
    Promise.all(codes.map((code) => calls.element<'risk'>(code, controller.signal)))
      .then((found) => {
        if (controller.signal.aborted) return;
        setError(null);
        setDetails({ key, items: new Map(found.map((detail) => [detail.code, detail])) });
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(caught));
      });
    return () => controller.abort();
  }, [participant, strategyId, key, attempt]);
  return { details: details?.items ?? null, error, retry: () => setAttempt((n) => n + 1) };
}

function RiskForm({
  participant,
  strategyId,
  outline,
  existing,
  onDone,
  onCancel,
}: {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  /** The risk being changed, or null for a new one. */
  existing: ElementDetail<'risk'> | null;
  onDone: (code: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useLanguage();
  const [values, setValues] = useState<RiskValues>(() => (existing ? valuesOf(existing.data) : EMPTY));
  const saving = useElementSave(participant, strategyId, existing?.version ?? 0);
  const { form, version, error, conflict, busy } = saving;
  const headingId = existing ? `risk-form-${existing.code}-heading` : 'risk-form-new-heading';

  const set = <K extends keyof RiskValues>(key: K, value: RiskValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const issueMap = elementIssues(error);
  const issues = Object.fromEntries(issueMap);
  const unplaced = unplacedIssues(issueMap, (field) => FORM_FIELDS.includes(field));
  const institutions = useMemo(
    () => [...outline.institutions].sort((a, b) => a.name.localeCompare(b.name, language)),
    [outline.institutions, language],
  );

  async function submit(overVersion: number) {
    const data = riskOf(values);
    await saving.save(
      existing ? { op: 'update', kind: 'risk', code: existing.code, version: overVersion, data } : { op: 'create', kind: 'risk', data },
      () => onDone(data.id),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(version);
  }

  const theirs = conflict ? valuesOf(conflict.data as Risk) : null;
  const ownerName = (code: string) => (code === '' ? '' : (outline.institutions.find((i) => i.id === code)?.name ?? code));
  const conflictFields = theirs
    ? [
        {
          field: 'category',
          label: t('app.editor.strategy.risks.category'),
          mine: riskCategoryLabel(values.category),
          theirs: riskCategoryLabel(theirs.category),
        },
        { field: 'description', label: t('app.editor.strategy.risks.description'), mine: values.description, theirs: theirs.description },
        {
          field: 'likelihood',
          label: t('app.editor.strategy.risks.likelihood'),
          mine: likelihoodLabel(values.likelihood),
          theirs: likelihoodLabel(theirs.likelihood),
        },
        {
          field: 'impact',
          label: t('app.editor.strategy.risks.impact'),
          mine: impactLabel(values.impact),
          theirs: impactLabel(theirs.impact),
        },
        { field: 'mitigation', label: t('app.editor.strategy.risks.mitigation'), mine: values.mitigation, theirs: theirs.mitigation },
        { field: 'owner', label: t('app.editor.strategy.risks.owner'), mine: ownerName(values.owner), theirs: ownerName(theirs.owner) },
      ]
    : [];

  return (
    <section className="panel editor-form" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {existing ? t('app.editor.strategy.risks.editTitle', { code: existing.code }) : t('app.editor.strategy.risks.newTitle')}
      </h3>
      {error && !conflict ? <ErrorSummary message={error.message} problems={unplaced} /> : null}
      {conflict && theirs ? (
        <ConflictPanel
          fields={conflictFields}
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
            id="risk-id"
            label={t('app.editor.strategy.risks.code')}
            hint={t('app.editor.strategy.risks.codeHint')}
            autoComplete="off"
            spellCheck={false}
            value={values.id}
            error={issues.id}
            aria-required="true"
            onChange={(event) => set('id', event.target.value)}
          />
        )}
        <SelectField
          id="risk-category"
          label={t('app.editor.strategy.risks.category')}
          value={values.category}
          error={issues.category}
          onChange={(event) => set('category', event.target.value as RiskCategory)}
        >
          {RISK_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {riskCategoryLabel(category)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="risk-description"
          label={t('app.editor.strategy.risks.description')}
          rows={3}
          value={values.description}
          error={issues.description}
          aria-required="true"
          onChange={(event) => set('description', event.target.value)}
        />
        <div className="field-row">
          <SelectField
            id="risk-likelihood"
            label={t('app.editor.strategy.risks.likelihood')}
            value={String(values.likelihood)}
            error={issues.likelihood}
            onChange={(event) => set('likelihood', toLevel(event.target.value))}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('app.editor.strategy.risks.levelOption', { value: level, label: likelihoodLabel(level) })}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="risk-impact"
            label={t('app.editor.strategy.risks.impact')}
            value={String(values.impact)}
            error={issues.impact}
            onChange={(event) => set('impact', toLevel(event.target.value))}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('app.editor.strategy.risks.levelOption', { value: level, label: impactLabel(level) })}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="muted">
          {t('app.editor.strategy.risks.ratingNow', { rating: riskRatingLabel(riskRating(values.likelihood, values.impact)) })}
        </p>
        <TextAreaField
          id="risk-mitigation"
          label={t('app.editor.strategy.risks.mitigation')}
          rows={3}
          value={values.mitigation}
          error={issues.mitigation}
          onChange={(event) => set('mitigation', event.target.value)}
        />
        <InstitutionPicker
          id="risk-owner"
          label={t('app.editor.strategy.risks.owner')}
          hint={t('app.editor.strategy.risks.ownerHint')}
          institutions={institutions}
          value={values.owner}
          error={issues.owner}
          onChange={(code) => set('owner', code)}
        />
        <FormActions
          busy={busy}
          submitLabel={t('app.editor.strategy.risks.save')}
          busyLabel={t('app.editor.strategy.risks.saving')}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}

function DeleteRisk({
  participant,
  strategyId,
  risk,
  onDone,
  onCancel,
}: {
  participant: string;
  strategyId: string;
  risk: ElementDetail<'risk'>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  return (
    <ConfirmDelete
      textId={`delete-risk-${risk.code}-text`}
      question={t('app.editor.strategy.risks.confirmDelete', { code: risk.code })}
      confirmLabel={t('app.editor.strategy.risks.deleteConfirm')}
      onConfirm={() => editingApi(participant, strategyId).edit([{ op: 'delete', kind: 'risk', code: risk.code, version: risk.version }])}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

type Mode = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; code: string } | { kind: 'delete'; code: string };

/**
 * The strategy's risk register: each risk with its category, likelihood, impact, mitigation and
 * owner, the 5×5 heat map of likelihood × impact, and, for editors of an editable strategy, adding,
 * changing and deleting risks.
 */
export function RisksSection({ participant, strategyId, outline, editable, onChanged }: Props) {
  const { t } = useLanguage();
  const { details, error, retry } = useRiskDetails(participant, strategyId, outline.risks);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const institutionName = (code: string | undefined) =>
    code === undefined ? null : (outline.institutions.find((institution) => institution.id === code)?.name ?? code);

  const finish = (message: string | null) => {
    setMode({ kind: 'none' });
    setNotice(message);
    onChanged();
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  const close = () => {
    setMode({ kind: 'none' });
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  const shownDetail = (code: string) => details?.get(code) ?? null;

  return (
    <section id="strategy-risks" className="plan-section" aria-labelledby="strategy-risks-heading">
      <div className="section-head">
        <h2 id="strategy-risks-heading">{t('app.editor.strategy.risks.title')}</h2>
      </div>
      <p className="lead">{t('app.editor.strategy.risks.intro')}</p>
      {notice ? (
        <p role="status" className="notice notice-success">
          {notice}
        </p>
      ) : null}
      {outline.risks.length === 0 ? <p className="empty">{t('app.editor.strategy.risks.none')}</p> : null}
      {outline.risks.length > 0 ? (
        <>
          <RiskHeatMap risks={outline.risks} />
          {error ? <ErrorMessage message={error.message} onRetry={retry} /> : null}
          {details === null && error === null ? <Loading /> : null}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="strategy-risks-caption">
            <table>
              <caption id="strategy-risks-caption">{t('app.editor.strategy.risks.caption', { count: outline.risks.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('app.editor.strategy.risks.code')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.category')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.description')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.likelihood')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.impact')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.rating')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.mitigation')}</th>
                  <th scope="col">{t('app.editor.strategy.risks.owner')}</th>
                  {editable ? <th scope="col">{t('app.editor.strategy.risks.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {outline.risks.map((risk) => {
                  const detail = shownDetail(risk.id);
                  return (
                    <tr key={risk.id}>
                      <th scope="row" className="nowrap">
                        <code>{risk.id}</code>
                      </th>
                      <td>{riskCategoryLabel(risk.category)}</td>
                      <td>{risk.description}</td>
                      <td className="nowrap">
                        {t('app.editor.strategy.risks.levelOption', { value: risk.likelihood, label: likelihoodLabel(risk.likelihood) })}
                      </td>
                      <td className="nowrap">
                        {t('app.editor.strategy.risks.levelOption', { value: risk.impact, label: impactLabel(risk.impact) })}
                      </td>
                      <td className="nowrap">{riskRatingLabel(riskRating(risk.likelihood, risk.impact))}</td>
                      <td>{detail?.data.mitigation ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                      <td>{institutionName(detail?.data.owner) ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                      {editable ? (
                        <td>
                          <div className="button-row">
                            <button
                              type="button"
                              className="button button-small button-secondary"
                              disabled={detail === null}
                              onClick={() => {
                                setNotice(null);
                                setMode({ kind: 'edit', code: risk.id });
                              }}
                            >
                              {t('app.editor.strategy.risks.edit', { code: risk.id })}
                            </button>
                            <button
                              type="button"
                              className="button button-small button-secondary"
                              disabled={detail === null}
                              onClick={() => {
                                setNotice(null);
                                setMode({ kind: 'delete', code: risk.id });
                              }}
                            >
                              {t('app.editor.strategy.risks.delete', { code: risk.id })}
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
        </>
      ) : null}
      {mode.kind === 'delete' && shownDetail(mode.code) ? (
        <DeleteRisk
          participant={participant}
          strategyId={strategyId}
          risk={shownDetail(mode.code) as ElementDetail<'risk'>}
          onDone={() => finish(t('app.editor.strategy.risks.deleted', { code: mode.code }))}
          onCancel={close}
        />
      ) : null}
      {mode.kind === 'edit' && shownDetail(mode.code) ? (
        <RiskForm
          key={mode.code}
          participant={participant}
          strategyId={strategyId}
          outline={outline}
          existing={shownDetail(mode.code)}
          onDone={(code) => finish(t('app.editor.strategy.risks.saved', { code }))}
          onCancel={close}
        />
      ) : null}
      {mode.kind === 'new' ? (
        <RiskForm
          participant={participant}
          strategyId={strategyId}
          outline={outline}
          existing={null}
          onDone={(code) => finish(t('app.editor.strategy.risks.added', { code }))}
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
            {t('app.editor.strategy.risks.add')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
