import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import Markdown from 'react-markdown';
import {
  EVALUATION_TYPES,
  FREQUENCIES,
  PRINCIPLES,
  SCENARIO_TYPES,
  formatMoney,
  toMinorUnits,
  type EvaluationType,
  type Frequency,
  type Principle,
  type ScenarioType,
} from '@ariadne/domain';
import { SelectField, TextField } from '../../components/Field.tsx';
import { editingApi, type ElementDetail, type StrategyData, type StrategyOutline } from '../../editing/api.ts';
import { AutosaveStatus } from '../../editing/forms/AutosaveStatus.tsx';
import { ConflictPanel, type ComparedField } from '../../editing/forms/ConflictPanel.tsx';
import { TextAreaField } from '../../editing/forms/fields.tsx';
import { InstitutionPicker } from '../../editing/forms/InstitutionPicker.tsx';
import { RowList } from '../../editing/forms/RowList.tsx';
import { useElementForm } from '../../editing/forms/useElementForm.ts';
import { unplacedIssues } from '../../editing/issues.ts';
import { useLanguage } from '../../i18n.ts';
import { buildStrategy, draftFrom, parseAmount, rowKey, strategyConversion, type StrategyDraft } from './strategyDraft.ts';
import { evaluationTypeLabel, frequencyLabel, principleExplanation, principleLabel, scenarioTypeLabel } from './vocabulary.ts';

function isFrequency(value: string): value is Frequency {
  return (FREQUENCIES as readonly string[]).includes(value);
}

type Props = {
  participant: string;
  strategyId: string;
  detail: ElementDetail<'strategy'>;
  outline: StrategyOutline;
  /** False when the document is frozen or the reader may not edit: the fields are shown, not changed. */
  editable: boolean;
  /** Called with the title once it is stored, so that the page's heading follows it. */
  onTitleSaved: (title: string) => void;
  /** Called after each stored change. */
  onSaved?: () => void;
};

/** The fields of the form whose server issues it shows next to the field (the others are listed). */
const SHOWN_FIELDS = [
  /^title$/,
  /^periodStart$/,
  /^periodEnd$/,
  /^situationAnalysis$/,
  /^principles/,
  /^monitoring\.body$/,
  /^monitoring\.reportingFrequency$/,
  /^monitoring\.reportsTo$/,
  /^monitoring\.evaluations\[\d+\]\.(type|year)$/,
  /^estimatedTotalCost$/,
  /^contingency\.scenarios\[\d+\]\.(type|description)$/,
  /^contingency\.minimumServices/,
  /^contingency\.reserveFunds$/,
];

function SituationAnalysis({
  value,
  error,
  readOnly,
  onChange,
}: {
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useLanguage();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const tabs = useRef<Record<'write' | 'preview', HTMLButtonElement | null>>({ write: null, preview: null });
  const choose = (next: 'write' | 'preview') => {
    setTab(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      if (event.key === 'Home') choose('write');
      else if (event.key === 'End') choose('preview');
      else choose(tab === 'write' ? 'preview' : 'write');
    }
  };
  return (
    <fieldset className="form-group">
      <legend>{t('app.editor.strategy.fields.situationAnalysis')}</legend>
      <p className="field-hint" id="strategy-situation-about">
        {t('app.editor.strategy.fields.situationAnalysisHint')}
      </p>
      <div role="tablist" aria-label={t('app.editor.strategy.fields.situationAnalysis')} className="tabs">
        <button
          ref={(element) => {
            tabs.current.write = element;
          }}
          type="button"
          role="tab"
          id="strategy-situation-tab-write"
          aria-selected={tab === 'write'}
          aria-controls="strategy-situation-panel-write"
          tabIndex={tab === 'write' ? 0 : -1}
          onClick={() => setTab('write')}
          onKeyDown={onKeyDown}
        >
          {t('app.editor.strategy.markdown.write')}
        </button>
        <button
          ref={(element) => {
            tabs.current.preview = element;
          }}
          type="button"
          role="tab"
          id="strategy-situation-tab-preview"
          aria-selected={tab === 'preview'}
          aria-controls="strategy-situation-panel-preview"
          tabIndex={tab === 'preview' ? 0 : -1}
          onClick={() => setTab('preview')}
          onKeyDown={onKeyDown}
        >
          {t('app.editor.strategy.markdown.preview')}
        </button>
      </div>
      <div role="tabpanel" id="strategy-situation-panel-write" aria-labelledby="strategy-situation-tab-write" hidden={tab !== 'write'}>
        <TextAreaField
          id="strategy-situation"
          label={t('app.editor.strategy.markdown.textLabel')}
          hint={t('app.editor.strategy.markdown.hint')}
          error={error}
          rows={12}
          value={value}
          readOnly={readOnly}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      <div
        role="tabpanel"
        id="strategy-situation-panel-preview"
        aria-labelledby="strategy-situation-tab-preview"
        hidden={tab !== 'preview'}
        tabIndex={0}
        className="markdown-preview"
      >
        {value.trim() === '' ? (
          <p className="muted">{t('app.editor.strategy.markdown.empty')}</p>
        ) : (
          // Raw HTML in the text is dropped, never rendered; headings sit below the page's own.
          <Markdown skipHtml components={{ h1: 'h3', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6' }}>
            {value}
          </Markdown>
        )}
      </div>
    </fieldset>
  );
}

/** The checklist of the eleven guiding principles of the seed assessment, each with what it asks. */
export function PrinciplesChecklist({
  value,
  error,
  disabled,
  onChange,
}: {
  value: readonly Principle[];
  error: string | undefined;
  disabled: boolean;
  onChange: (value: Principle[]) => void;
}) {
  const { t } = useLanguage();
  const toggle = (principle: Principle, checked: boolean) => {
    const next = new Set(value);
    if (checked) next.add(principle);
    else next.delete(principle);
    onChange(PRINCIPLES.filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset className={error ? 'form-group field-invalid' : 'form-group'} aria-describedby="strategy-principles-hint">
      <legend>{t('app.editor.strategy.fields.principles')}</legend>
      <p className="field-hint" id="strategy-principles-hint">
        {t('app.editor.strategy.fields.principlesHint', { count: value.length, total: PRINCIPLES.length })}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      <ul className="checklist">
        {PRINCIPLES.map((principle) => (
          <li key={principle} className="checkbox checklist-item">
            <input
              type="checkbox"
              id={`strategy-principle-${principle}`}
              checked={value.includes(principle)}
              disabled={disabled}
              aria-describedby={`strategy-principle-${principle}-why`}
              onChange={(event) => toggle(principle, event.target.checked)}
            />
            <div>
              <label htmlFor={`strategy-principle-${principle}`}>{principleLabel(principle)}</label>
              <p className="checklist-why" id={`strategy-principle-${principle}-why`}>
                {principleExplanation(principle)}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A strategy field's value in words, for comparing two versions side by side. */
function describeField(
  field: keyof StrategyData,
  data: StrategyData,
  context: { institutionName: (code: string) => string; currency: string; language: ReturnType<typeof useLanguage>['language'] },
  t: ReturnType<typeof useLanguage>['t'],
): string {
  const empty = '';
  const none = t('app.common.notSet');
  switch (field) {
    case 'title':
    case 'situationAnalysis': {
      const text = data[field] ?? '';
      return text.trim() === '' ? empty : text;
    }
    case 'periodStart':
    case 'periodEnd':
      return String(data[field]);
    case 'principles':
      return data.principles.length === 0 ? empty : data.principles.map(principleLabel).join(', ');
    case 'estimatedTotalCost':
      return data.estimatedTotalCost === undefined
        ? empty
        : formatMoney(toMinorUnits(data.estimatedTotalCost), context.currency, context.language);
    case 'monitoring': {
      const monitoring = data.monitoring;
      if (monitoring === undefined) return empty;
      return [
        monitoring.body ? `${t('app.editor.strategy.fields.monitoringBody')}: ${context.institutionName(monitoring.body)}` : null,
        monitoring.reportingFrequency
          ? `${t('app.editor.strategy.fields.reportingFrequency')}: ${frequencyLabel(monitoring.reportingFrequency)}`
          : null,
        monitoring.reportsTo ? `${t('app.editor.strategy.fields.reportsTo')}: ${monitoring.reportsTo}` : null,
        monitoring.evaluations && monitoring.evaluations.length > 0
          ? `${t('app.editor.strategy.fields.evaluations')}: ${monitoring.evaluations
              .map((evaluation) => `${evaluationTypeLabel(evaluation.type)} ${evaluation.year}`)
              .join(', ')}`
          : null,
      ]
        .filter((line) => line !== null)
        .join('; ');
    }
    case 'contingency': {
      const contingency = data.contingency;
      if (contingency === undefined) return empty;
      return [
        `${t('app.editor.strategy.fields.scenarios')}: ${
          contingency.scenarios.length === 0
            ? none
            : contingency.scenarios.map((scenario) => `${scenarioTypeLabel(scenario.type)} – ${scenario.description}`).join('; ')
        }`,
        `${t('app.editor.strategy.fields.minimumServices')}: ${
          contingency.minimumServices.length === 0 ? none : contingency.minimumServices.join('; ')
        }`,
        contingency.reserveFunds !== undefined
          ? `${t('app.editor.strategy.fields.reserveFunds')}: ${formatMoney(
              toMinorUnits(contingency.reserveFunds),
              context.currency,
              context.language,
            )}`
          : null,
      ]
        .filter((line) => line !== null)
        .join('; ');
    }
  }
}

const FIELD_ORDER: (keyof StrategyData)[] = [
  'title',
  'periodStart',
  'periodEnd',
  'situationAnalysis',
  'principles',
  'monitoring',
  'estimatedTotalCost',
  'contingency',
];

/**
 * The strategy's own fields, saved as one types: title and period, the situation analysis in
 * Markdown with a preview, the guiding principles, monitoring arrangements, the estimated cost and
 * the contingency plan. A refused value is marked at its field; a conflicting save shows both versions.
 */
export function StrategyForm({ participant, strategyId, detail, outline, editable, onTitleSaved, onSaved }: Props) {
  const { t, language } = useLanguage();
  const api = useMemo(() => editingApi(participant, strategyId), [participant, strategyId]);
  const {
    form: draft,
    update,
    autosave,
    issues,
    takeTheirs,
  } = useElementForm<'strategy', StrategyDraft>({
    api,
    detail,
    toForm: draftFrom,
    toData: strategyConversion,
    editable,
    ...(onSaved ? { onSaved } : {}),
  });
  const built = useMemo(() => buildStrategy(draft), [draft]);

  // The page's heading follows the title once it is stored.
  const reportTitle = useRef(onTitleSaved);
  useEffect(() => {
    reportTitle.current = onTitleSaved;
  });
  useEffect(() => {
    if (autosave.state === 'saved') reportTitle.current(draft.title);
  }, [autosave.state, draft.title]);

  const errorAt = (path: string): string | undefined => issues.get(path);
  const evaluationError = (rowIndex: number, field: 'type' | 'year'): string | undefined => {
    const sent = built.evaluationRows.indexOf(rowIndex);
    return sent < 0 ? undefined : errorAt(`monitoring.evaluations[${sent}].${field}`);
  };
  const scenarioError = (rowIndex: number, field: 'type' | 'description'): string | undefined => {
    const sent = built.scenarioRows.indexOf(rowIndex);
    return sent < 0 ? undefined : errorAt(`contingency.scenarios[${sent}].${field}`);
  };
  const firstIssueUnder = (prefix: string): string | undefined =>
    [...issues].find(([path]) => path === prefix || path.startsWith(`${prefix}[`))?.[1];
  const unplaced = unplacedIssues(issues, (field) => SHOWN_FIELDS.some((pattern) => pattern.test(field)));

  const institutions = useMemo(
    () => [...outline.institutions].sort((a, b) => a.name.localeCompare(b.name, language)),
    [outline.institutions, language],
  );
  const institutionName = (code: string) => {
    const found = outline.institutions.find((institution) => institution.id === code);
    return found ? found.name : code;
  };

  const conflictFields: ComparedField[] = [];
  if (autosave.conflict) {
    const theirs = autosave.conflict.data as StrategyData;
    const context = { institutionName, currency: outline.currency, language };
    for (const field of FIELD_ORDER) {
      conflictFields.push({
        field,
        label: fieldLabel(field, t),
        mine: describeField(field, built.data, context, t),
        theirs: describeField(field, theirs, context, t),
      });
    }
  }

  const set = <K extends keyof StrategyDraft>(key: K, value: StrategyDraft[K]) => update((previous) => ({ ...previous, [key]: value }));
  const readOnly = !editable;
  const cost = parseAmount(draft.estimatedTotalCost);
  const reserve = parseAmount(draft.reserveFunds);

  return (
    <div className="strategy-form">
      {editable ? <AutosaveStatus autosave={autosave} unplaced={unplaced} /> : null}
      {autosave.conflict ? <ConflictPanel fields={conflictFields} onKeepMine={autosave.keepMine} onTakeTheirs={takeTheirs} /> : null}

      <fieldset className="form-group">
        <legend>{t('app.editor.strategy.fields.about')}</legend>
        <TextField
          id="strategy-title"
          label={t('app.editor.strategy.fields.title')}
          value={draft.title}
          readOnly={readOnly}
          error={errorAt('title')}
          aria-required="true"
          onChange={(event) => set('title', event.target.value)}
        />
        <div className="field-row">
          <TextField
            id="strategy-period-start"
            label={t('app.editor.strategy.fields.periodStart')}
            inputMode="numeric"
            autoComplete="off"
            value={draft.periodStart}
            readOnly={readOnly}
            error={errorAt('periodStart')}
            aria-required="true"
            onChange={(event) => set('periodStart', event.target.value)}
          />
          <TextField
            id="strategy-period-end"
            label={t('app.editor.strategy.fields.periodEnd')}
            inputMode="numeric"
            autoComplete="off"
            value={draft.periodEnd}
            readOnly={readOnly}
            error={errorAt('periodEnd')}
            aria-required="true"
            onChange={(event) => set('periodEnd', event.target.value)}
          />
        </div>
      </fieldset>

      <SituationAnalysis
        value={draft.situationAnalysis}
        error={errorAt('situationAnalysis')}
        readOnly={readOnly}
        onChange={(value) => set('situationAnalysis', value)}
      />

      <PrinciplesChecklist
        value={draft.principles}
        error={firstIssueUnder('principles')}
        disabled={readOnly}
        onChange={(value) => set('principles', value)}
      />

      <fieldset className="form-group">
        <legend>{t('app.editor.strategy.fields.monitoring')}</legend>
        <p className="field-hint">{t('app.editor.strategy.fields.monitoringHint')}</p>
        {readOnly ? (
          <TextField
            id="strategy-monitoring-body"
            label={t('app.editor.strategy.fields.monitoringBody')}
            value={draft.monitoringBody === '' ? t('app.editor.strategy.fields.noBody') : institutionName(draft.monitoringBody)}
            readOnly
          />
        ) : (
          <InstitutionPicker
            id="strategy-monitoring-body"
            label={t('app.editor.strategy.fields.monitoringBody')}
            hint={t('app.editor.strategy.fields.monitoringBodyHint')}
            institutions={institutions}
            value={draft.monitoringBody}
            error={errorAt('monitoring.body')}
            onChange={(code) => set('monitoringBody', code)}
          />
        )}
        <div className="field-row">
          <SelectField
            id="strategy-reporting-frequency"
            label={t('app.editor.strategy.fields.reportingFrequency')}
            value={draft.reportingFrequency}
            disabled={readOnly}
            error={errorAt('monitoring.reportingFrequency')}
            onChange={(event) => set('reportingFrequency', isFrequency(event.target.value) ? event.target.value : '')}
          >
            <option value="">{t('app.editor.strategy.fields.notChosen')}</option>
            {FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {frequencyLabel(frequency)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="strategy-reports-to"
            label={t('app.editor.strategy.fields.reportsTo')}
            hint={t('app.editor.strategy.fields.reportsToHint')}
            value={draft.reportsTo}
            readOnly={readOnly}
            error={errorAt('monitoring.reportsTo')}
            onChange={(event) => set('reportsTo', event.target.value)}
          />
        </div>
        <RowList
          headingId="strategy-evaluations-heading"
          heading={t('app.editor.strategy.fields.evaluations')}
          emptyText={t('app.editor.strategy.fields.noEvaluations')}
          rows={draft.evaluations}
          itemClassName="row-item"
          editable={editable}
          newRow={(): StrategyDraft['evaluations'][number] => ({ key: rowKey(), type: 'mid_term', year: '' })}
          addLabel={t('app.editor.strategy.fields.addEvaluation')}
          removeLabel={(index) => t('app.editor.strategy.fields.removeEvaluation', { number: index + 1 })}
          onChange={(rows) => set('evaluations', rows)}
        >
          {(row, index, update) => (
            <>
              <SelectField
                id={`strategy-evaluation-${row.key}-type`}
                label={t('app.editor.strategy.fields.evaluationType', { number: index + 1 })}
                value={row.type}
                disabled={readOnly}
                error={evaluationError(index, 'type')}
                onChange={(event) => update({ type: event.target.value as EvaluationType })}
              >
                {EVALUATION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {evaluationTypeLabel(type)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`strategy-evaluation-${row.key}-year`}
                label={t('app.editor.strategy.fields.evaluationYear', { number: index + 1 })}
                hint={row.year.trim() === '' ? t('app.editor.strategy.fields.rowNotSaved') : undefined}
                inputMode="numeric"
                autoComplete="off"
                value={row.year}
                readOnly={readOnly}
                error={evaluationError(index, 'year')}
                onChange={(event) => update({ year: event.target.value })}
              />
            </>
          )}
        </RowList>
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('app.editor.strategy.fields.cost')}</legend>
        <TextField
          id="strategy-cost"
          label={t('app.editor.strategy.fields.estimatedTotalCost', { currency: outline.currency })}
          hint={t('app.editor.strategy.fields.amountHint')}
          inputMode="decimal"
          autoComplete="off"
          value={draft.estimatedTotalCost}
          readOnly={readOnly}
          error={errorAt('estimatedTotalCost')}
          onChange={(event) => set('estimatedTotalCost', event.target.value)}
        />
        {cost !== null ? (
          <p className="amount-echo" aria-live="polite">
            {formatMoney(toMinorUnits(cost), outline.currency, language)}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="form-group">
        <legend>{t('app.editor.strategy.fields.contingency')}</legend>
        <p className="field-hint">{t('app.editor.strategy.fields.contingencyHint')}</p>
        <RowList
          headingId="strategy-scenarios-heading"
          heading={t('app.editor.strategy.fields.scenarios')}
          emptyText={t('app.editor.strategy.fields.noScenarios')}
          rows={draft.scenarios}
          itemClassName="row-item row-item-wide"
          editable={editable}
          newRow={(): StrategyDraft['scenarios'][number] => ({ key: rowKey(), type: 'other', description: '' })}
          addLabel={t('app.editor.strategy.fields.addScenario')}
          removeLabel={(index) => t('app.editor.strategy.fields.removeScenario', { number: index + 1 })}
          onChange={(rows) => set('scenarios', rows)}
        >
          {(row, index, update) => (
            <>
              <SelectField
                id={`strategy-scenario-${row.key}-type`}
                label={t('app.editor.strategy.fields.scenarioType', { number: index + 1 })}
                value={row.type}
                disabled={readOnly}
                error={scenarioError(index, 'type')}
                onChange={(event) => update({ type: event.target.value as ScenarioType })}
              >
                {SCENARIO_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {scenarioTypeLabel(type)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                id={`strategy-scenario-${row.key}-description`}
                label={t('app.editor.strategy.fields.scenarioDescription', { number: index + 1 })}
                hint={row.description.trim() === '' ? t('app.editor.strategy.fields.rowNotSaved') : undefined}
                rows={3}
                value={row.description}
                readOnly={readOnly}
                error={scenarioError(index, 'description')}
                onChange={(event) => update({ description: event.target.value })}
              />
            </>
          )}
        </RowList>
        <TextAreaField
          id="strategy-minimum-services"
          label={t('app.editor.strategy.fields.minimumServices')}
          hint={t('app.editor.strategy.fields.minimumServicesHint')}
          rows={6}
          value={draft.minimumServices}
          readOnly={readOnly}
          error={firstIssueUnder('contingency.minimumServices')}
          onChange={(event) => set('minimumServices', event.target.value)}
        />
        <TextField
          id="strategy-reserve-funds"
          label={t('app.editor.strategy.fields.reserveFundsIn', { currency: outline.currency })}
          hint={t('app.editor.strategy.fields.amountHint')}
          inputMode="decimal"
          autoComplete="off"
          value={draft.reserveFunds}
          readOnly={readOnly}
          error={errorAt('contingency.reserveFunds')}
          onChange={(event) => set('reserveFunds', event.target.value)}
        />
        {reserve !== null ? (
          <p className="amount-echo" aria-live="polite">
            {formatMoney(toMinorUnits(reserve), outline.currency, language)}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}

function fieldLabel(field: keyof StrategyData, t: ReturnType<typeof useLanguage>['t']): string {
  switch (field) {
    case 'title':
      return t('app.editor.strategy.fields.title');
    case 'periodStart':
      return t('app.editor.strategy.fields.periodStart');
    case 'periodEnd':
      return t('app.editor.strategy.fields.periodEnd');
    case 'situationAnalysis':
      return t('app.editor.strategy.fields.situationAnalysis');
    case 'principles':
      return t('app.editor.strategy.fields.principles');
    case 'monitoring':
      return t('app.editor.strategy.fields.monitoring');
    case 'estimatedTotalCost':
      return t('app.editor.strategy.fields.cost');
    case 'contingency':
      return t('app.editor.strategy.fields.contingency');
  }
}
