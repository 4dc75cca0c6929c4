import { useCallback, useMemo, useState } from 'react';
import {
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  LEVELS,
  TAGS,
  formatDate,
  formatMoney,
  type FundingSource,
  type FundingStatus,
  type Language,
  type Level,
  type Tag,
} from '@ariadne/domain';
import type { ApiIssue } from '../../api.ts';
import { SelectField } from '../../components/Field.tsx';
import { i18n, useLanguage } from '../../i18n.ts';
import { fundingSourceLabel, fundingStatusLabel, levelLabel, tagLabel } from '../../labels.ts';
import type { ActivityData, StrategyOutline } from '../api.ts';
import { formatDecimalInput, parseDecimal, sumMinor } from '../numbers.ts';
import { CheckboxGroup, CodeField, DateRangeFields, Group, TextAreaField } from './fields.tsx';
import { FormFrame, type Describe } from './FormFrame.tsx';
import { IndicatorList } from './IndicatorList.tsx';
import { InstitutionPicker, InstitutionsPicker } from './InstitutionPicker.tsx';
import { RecommendationsPicker } from './RecommendationsPicker.tsx';
import { parseYear, rowKey, type ElementFormProps } from './types.ts';
import { useElementForm, type Conversion } from './useElementForm.ts';

/** One cost line as typed: the amount and the year as text, until they are read as numbers. */
export type CostRow = { key: string; year: string; amount: string; source: FundingSource; funder: string; status: FundingStatus };

/** The activity form's fields. */
export type ActivityFields = {
  id: string;
  objective: string;
  title: string;
  lead: string;
  partners: string[];
  start: string;
  end: string;
  level: Level | '';
  tags: Tag[];
  costs: CostRow[];
  recommendations: string[];
};

/** A quarter of a year, as the quarter picker offers it: `2025-Q2`. */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

/** The first day of a quarter. */
export function quarterStart(year: number, quarter: number): string {
  return `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
}

/** The last day of a quarter. */
export function quarterEnd(year: number, quarter: number): string {
  const last = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
  return `${year}-${String(quarter * 3).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** The quarter a date falls in. */
export function quarterOf(date: string): { year: number; quarter: number } | null {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (match === null) return null;
  return { year: Number(match[1]), quarter: Math.floor((Number(match[2]) - 1) / 3) + 1 };
}

function toFields(language: Language) {
  return (data: ActivityData): ActivityFields => ({
    id: data.id,
    objective: data.objective,
    title: data.title,
    lead: data.lead ?? '',
    partners: data.partners ?? [],
    start: data.start ?? '',
    end: data.end ?? '',
    level: data.level ?? '',
    tags: data.tags ?? [],
    costs: (data.costs ?? []).map((line) => ({
      key: rowKey(),
      year: String(line.year),
      amount: formatDecimalInput(line.amount, language),
      source: line.source,
      funder: line.funder ?? '',
      status: line.status,
    })),
    recommendations: data.recommendations ?? [],
  });
}

/** The activity's data from the fields, or the problems of the amounts and years typed. */
export function activityData(fields: ActivityFields, language: Language): Conversion<'activity'> {
  const issues: ApiIssue[] = [];
  const costs = fields.costs.map((row, index) => {
    const year = parseYear(row.year);
    const amount = parseDecimal(row.amount, language);
    if (year === null)
      issues.push({
        path: `costs[${index}].year`,
        message: i18n.t(row.year.trim() === '' ? 'issues.required' : 'issues.expected_integer'),
      });
    if (row.amount.trim() === '') issues.push({ path: `costs[${index}].amount`, message: i18n.t('issues.required') });
    else if (amount === null)
      issues.push({
        path: `costs[${index}].amount`,
        message: i18n.t('app.editor.activity.amountFormat', { example: formatDecimalInput(1500.5, language) }),
      });
    return {
      year: year ?? 0,
      amount: amount ?? 0,
      source: row.source,
      ...(row.funder !== '' ? { funder: row.funder } : {}),
      status: row.status,
    };
  });
  if (issues.length > 0) return { issues };
  const data: ActivityData = {
    id: fields.id.trim(),
    objective: fields.objective,
    title: fields.title,
    ...(fields.lead !== '' ? { lead: fields.lead } : {}),
    ...(fields.partners.length > 0 ? { partners: fields.partners } : {}),
    ...(fields.start !== '' ? { start: fields.start } : {}),
    ...(fields.end !== '' ? { end: fields.end } : {}),
    ...(fields.level !== '' ? { level: fields.level } : {}),
    ...(fields.tags.length > 0 ? { tags: fields.tags } : {}),
    ...(costs.length > 0 ? { costs } : {}),
    ...(fields.recommendations.length > 0 ? { recommendations: fields.recommendations } : {}),
  };
  return { data };
}

/** Totals of the cost lines typed so far, per year and overall, in minor units; lines not yet readable are left out. */
export function costTotals(costs: readonly CostRow[], language: Language): { years: { year: string; minor: number }[]; total: number } {
  const byYear = new Map<string, number[]>();
  for (const row of costs) {
    const amount = parseDecimal(row.amount, language);
    const year = parseYear(row.year);
    if (amount === null || year === null) continue;
    const list = byYear.get(String(year)) ?? [];
    list.push(amount);
    byYear.set(String(year), list);
  }
  const years = [...byYear].sort(([a], [b]) => a.localeCompare(b)).map(([year, amounts]) => ({ year, minor: sumMinor(amounts) }));
  return { years, total: years.reduce((sum, entry) => sum + entry.minor, 0) };
}

function yearsOf(start: string | undefined, end: string | undefined): number[] {
  const first = Number(start?.slice(0, 4));
  const last = Number(end?.slice(0, 4));
  if (!Number.isInteger(first) || !Number.isInteger(last) || last < first || last - first > 30) return [];
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

function planOf(outline: StrategyOutline, code: string, parent: string | undefined) {
  return (
    outline.actionPlans.find((plan) => plan.id === parent) ??
    outline.actionPlans.find((plan) => plan.activities.some((activity) => activity.id === code))
  );
}

const PLACED = [
  /^(id|objective|title|lead|start|end|level)$/,
  /^partners(\[\d+\])?$/,
  /^tags(\[\d+\])?$/,
  /^recommendations(\[\d+\])?$/,
  /^costs\[\d+\]\.(year|amount|source|funder|status)$/,
  /^costs$/,
];

/**
 * The activity form: objective, title, code, lead and partners, dates (exact or by quarter), level,
 * tags, cost lines per year with totals that follow the typing, the recommendations answered, and
 * the activity's indicators. Saved as one types.
 */
export function ActivityForm({ api, detail, outline, editable, hrefOf, onSaved, onRenamed }: ElementFormProps<'activity'>) {
  const { t, language } = useLanguage();
  const toForm = useMemo(() => toFields(language), [language]);
  const toData = useCallback((fields: ActivityFields) => activityData(fields, language), [language]);
  const state = useElementForm({ api, detail, toForm, toData, editable, onSaved, onRenamed });
  const { form, update, issues } = state;
  const plan = planOf(outline, detail.code, detail.parent);
  const planYears = yearsOf(plan?.start, plan?.end);
  const institutions = useMemo(
    () => [...outline.institutions].sort((a, b) => a.name.localeCompare(b.name, language)),
    [outline.institutions, language],
  );
  const names = useMemo(
    () => new Map(outline.institutions.map((institution) => [institution.id, institution.name])),
    [outline.institutions],
  );
  const startQuarter = quarterOf(form.start);
  const endQuarter = quarterOf(form.end);
  const alignedToQuarters =
    form.start !== '' &&
    form.end !== '' &&
    startQuarter !== null &&
    endQuarter !== null &&
    form.start === quarterStart(startQuarter.year, startQuarter.quarter) &&
    form.end === quarterEnd(endQuarter.year, endQuarter.quarter);
  const [byQuarter, setByQuarter] = useState(alignedToQuarters);
  const totals = costTotals(form.costs, language);
  const money = (minor: number) => formatMoney(minor, outline.currency, language);

  const set = <Key extends keyof ActivityFields>(key: Key, value: ActivityFields[Key]) =>
    update((previous) => ({ ...previous, [key]: value }));
  const setCost = (index: number, change: Partial<CostRow>) =>
    update((previous) => ({ ...previous, costs: previous.costs.map((row, at) => (at === index ? { ...row, ...change } : row)) }));
  const addCost = () =>
    update((previous) => {
      const last = previous.costs[previous.costs.length - 1];
      const year = last?.year ?? String(planYears[0] ?? new Date().getFullYear());
      return {
        ...previous,
        costs: [
          ...previous.costs,
          { key: rowKey(), year, amount: '', source: last?.source ?? 'state_budget', funder: '', status: 'unfunded' },
        ],
      };
    });
  const removeCost = (index: number) => update((previous) => ({ ...previous, costs: previous.costs.filter((_, at) => at !== index) }));

  const quarterOptions = (planYears.length > 0 ? planYears : [startQuarter?.year ?? new Date().getFullYear()]).flatMap((year) =>
    [1, 2, 3, 4].map((quarter) => ({
      value: `${year}-Q${quarter}`,
      label: t('app.editor.activity.quarter', { quarter, year: String(year) }),
      year,
      quarter,
    })),
  );

  const describe: Describe<ActivityFields> = (fields) => [
    { field: 'id', label: t('app.editor.fields.code'), value: fields.id },
    { field: 'title', label: t('app.editor.fields.title'), value: fields.title },
    { field: 'objective', label: t('app.editor.activity.objective'), value: fields.objective },
    { field: 'lead', label: t('app.editor.activity.lead'), value: fields.lead === '' ? '' : (names.get(fields.lead) ?? fields.lead) },
    {
      field: 'partners',
      label: t('app.editor.activity.partners'),
      value: fields.partners.map((code) => names.get(code) ?? code).join(', '),
    },
    { field: 'start', label: t('app.editor.activity.start'), value: fields.start },
    { field: 'end', label: t('app.editor.activity.end'), value: fields.end },
    { field: 'level', label: t('app.editor.activity.level'), value: fields.level === '' ? '' : levelLabel(fields.level) },
    { field: 'tags', label: t('app.editor.activity.tags'), value: fields.tags.map(tagLabel).join(', ') },
    {
      field: 'costs',
      label: t('app.editor.activity.costs'),
      value: fields.costs
        .map((row) =>
          [
            row.year,
            row.amount,
            fundingSourceLabel(row.source),
            row.funder === '' ? null : (names.get(row.funder) ?? row.funder),
            fundingStatusLabel(row.status),
          ]
            .filter((part) => part !== null)
            .join(' · '),
        )
        .join('; '),
    },
    { field: 'recommendations', label: t('app.editor.activity.recommendations'), value: fields.recommendations.join(', ') },
  ];

  return (
    <>
      <FormFrame
        state={state}
        describe={describe}
        toForm={(data) => toForm(data as ActivityData)}
        isPlaced={(path) => PLACED.some((pattern) => pattern.test(path))}
        editable={editable}
      >
        <Group legend={t('app.editor.activity.what')}>
          <SelectField
            id="activity-objective"
            label={t('app.editor.activity.objective')}
            value={form.objective}
            onChange={(event) => set('objective', event.target.value)}
            error={issues.get('objective')}
          >
            {outline.goals.map((goal) => (
              <optgroup key={goal.id} label={t('app.editor.activity.goalGroup', { code: goal.id, title: goal.title })}>
                {goal.objectives.map((objective) => (
                  <option key={objective.id} value={objective.id}>
                    {t('app.editor.activity.objectiveOption', { code: objective.id, title: objective.title })}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <TextAreaField
            id="activity-title"
            label={t('app.editor.fields.title')}
            value={form.title}
            rows={2}
            onChange={(event) => set('title', event.target.value)}
            error={issues.get('title')}
          />
          <CodeField id="activity-code" value={form.id} onChange={(code) => set('id', code)} error={issues.get('id')} />
        </Group>

        <Group legend={t('app.editor.activity.who')}>
          <InstitutionPicker
            id="activity-lead"
            label={t('app.editor.activity.lead')}
            hint={t('app.editor.picker.hint')}
            institutions={institutions}
            value={form.lead}
            onChange={(code) => set('lead', code)}
            error={issues.get('lead')}
          />
          <InstitutionsPicker
            id="activity-partners"
            label={t('app.editor.activity.partners')}
            institutions={institutions}
            value={form.partners}
            onChange={(codes) => set('partners', codes)}
            error={issues.get('partners') ?? [...issues].find(([path]) => path.startsWith('partners['))?.[1]}
          />
        </Group>

        <Group legend={t('app.editor.activity.when')}>
          <div className="radio-row" role="radiogroup" aria-label={t('app.editor.activity.dateMode')}>
            <div className="checkbox">
              <input
                id="activity-dates-exact"
                type="radio"
                name="activity-date-mode"
                checked={!byQuarter}
                onChange={() => setByQuarter(false)}
              />
              <label htmlFor="activity-dates-exact">{t('app.editor.activity.exactDates')}</label>
            </div>
            <div className="checkbox">
              <input
                id="activity-dates-quarter"
                type="radio"
                name="activity-date-mode"
                checked={byQuarter}
                onChange={() => setByQuarter(true)}
              />
              <label htmlFor="activity-dates-quarter">{t('app.editor.activity.byQuarter')}</label>
            </div>
          </div>
          {byQuarter ? (
            <div className="field-row">
              <SelectField
                id="activity-start-quarter"
                label={t('app.editor.activity.startQuarter')}
                value={startQuarter === null ? '' : `${startQuarter.year}-Q${startQuarter.quarter}`}
                onChange={(event) => {
                  const option = quarterOptions.find((candidate) => candidate.value === event.target.value);
                  set('start', option === undefined ? '' : quarterStart(option.year, option.quarter));
                }}
                error={issues.get('start')}
              >
                <option value="">{t('app.common.notSet')}</option>
                {quarterOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id="activity-end-quarter"
                label={t('app.editor.activity.endQuarter')}
                value={endQuarter === null ? '' : `${endQuarter.year}-Q${endQuarter.quarter}`}
                onChange={(event) => {
                  const option = quarterOptions.find((candidate) => candidate.value === event.target.value);
                  set('end', option === undefined ? '' : quarterEnd(option.year, option.quarter));
                }}
                error={issues.get('end')}
              >
                <option value="">{t('app.common.notSet')}</option>
                {quarterOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </SelectField>
            </div>
          ) : (
            <DateRangeFields
              id="activity"
              start={form.start}
              end={form.end}
              errors={{ start: issues.get('start'), end: issues.get('end') }}
              onChange={set}
            />
          )}
          {byQuarter && form.start !== '' && form.end !== '' ? (
            <p className="field-hint">
              {t('app.editor.activity.quarterDates', { start: formatDate(form.start, language), end: formatDate(form.end, language) })}
            </p>
          ) : null}
        </Group>

        <Group legend={t('app.editor.activity.scope')}>
          <SelectField
            id="activity-level"
            label={t('app.editor.activity.level')}
            value={form.level}
            onChange={(event) => set('level', event.target.value as Level | '')}
            error={issues.get('level')}
          >
            <option value="">{t('app.common.notSet')}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {levelLabel(level)}
              </option>
            ))}
          </SelectField>
          <CheckboxGroup
            id="activity-tags"
            legend={t('app.editor.activity.tags')}
            values={TAGS}
            selected={form.tags}
            labelOf={tagLabel}
            onChange={(tags) => set('tags', tags)}
            error={issues.get('tags') ?? [...issues].find(([path]) => path.startsWith('tags['))?.[1]}
          />
        </Group>

        <Group legend={t('app.editor.activity.costs')} className="costs">
          <p className="field-hint">{t('app.editor.activity.costsHint', { currency: outline.currency })}</p>
          {issues.get('costs') ? <p className="field-error">{issues.get('costs')}</p> : null}
          {form.costs.length === 0 ? (
            <p className="empty">{t('app.editor.activity.noCosts')}</p>
          ) : (
            <div className="table-wrap">
              <table className="cost-table">
                <caption className="visually-hidden">{t('app.editor.activity.costsCaption', { code: form.id })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('app.editor.activity.year')}</th>
                    <th scope="col">{t('app.editor.activity.amount', { currency: outline.currency })}</th>
                    <th scope="col">{t('app.editor.activity.source')}</th>
                    <th scope="col">{t('app.editor.activity.funder')}</th>
                    <th scope="col">{t('app.editor.activity.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('app.editor.activity.lineActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {form.costs.map((row, index) => {
                    const line = index + 1;
                    const yearOptions = [...new Set([...planYears.map(String), row.year])].filter((year) => year !== '').sort();
                    const cell = (field: string) => issues.get(`costs[${index}].${field}`);
                    return (
                      <tr key={row.key}>
                        <td>
                          <select
                            id={`cost-${index}-year`}
                            aria-label={t('app.editor.activity.yearOfLine', { line })}
                            value={row.year}
                            onChange={(event) => setCost(index, { year: event.target.value })}
                            aria-invalid={cell('year') ? true : undefined}
                            aria-describedby={cell('year') ? `cost-${index}-year-error` : undefined}
                          >
                            {yearOptions.map((year) => (
                              <option key={year} value={year}>
                                {year}
                              </option>
                            ))}
                          </select>
                          {cell('year') ? (
                            <p id={`cost-${index}-year-error`} className="field-error">
                              {cell('year')}
                            </p>
                          ) : null}
                        </td>
                        <td>
                          <input
                            id={`cost-${index}-amount`}
                            className="input-amount"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={t('app.editor.activity.amountOfLine', { line })}
                            value={row.amount}
                            onChange={(event) => setCost(index, { amount: event.target.value })}
                            aria-invalid={cell('amount') ? true : undefined}
                            aria-describedby={cell('amount') ? `cost-${index}-amount-error` : undefined}
                          />
                          {cell('amount') ? (
                            <p id={`cost-${index}-amount-error`} className="field-error">
                              {cell('amount')}
                            </p>
                          ) : null}
                        </td>
                        <td>
                          <select
                            id={`cost-${index}-source`}
                            aria-label={t('app.editor.activity.sourceOfLine', { line })}
                            value={row.source}
                            onChange={(event) => setCost(index, { source: event.target.value as FundingSource })}
                          >
                            {FUNDING_SOURCES.map((source) => (
                              <option key={source} value={source}>
                                {fundingSourceLabel(source)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <InstitutionPicker
                            id={`cost-${index}-funder`}
                            label={t('app.editor.activity.funderOfLine', { line })}
                            hideLabel
                            institutions={institutions}
                            value={row.funder}
                            onChange={(code) => setCost(index, { funder: code })}
                            error={cell('funder')}
                          />
                        </td>
                        <td>
                          <select
                            id={`cost-${index}-status`}
                            aria-label={t('app.editor.activity.statusOfLine', { line })}
                            value={row.status}
                            onChange={(event) => setCost(index, { status: event.target.value as FundingStatus })}
                          >
                            {FUNDING_STATUSES.map((status) => (
                              <option key={status} value={status}>
                                {fundingStatusLabel(status)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            onClick={() => removeCost(index)}
                            aria-label={t('app.editor.activity.removeLine', { line })}
                          >
                            {t('app.editor.activity.remove')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" className="button button-secondary" onClick={addCost}>
            {t('app.editor.activity.addLine')}
          </button>
          <dl className="facts cost-totals" data-testid="cost-totals">
            {totals.years.map((entry) => (
              <div key={entry.year}>
                <dt>{t('app.editor.activity.totalOfYear', { year: entry.year })}</dt>
                <dd data-testid={`cost-total-${entry.year}`}>{money(entry.minor)}</dd>
              </div>
            ))}
            <div>
              <dt>{t('app.editor.activity.total')}</dt>
              <dd data-testid="cost-total">{money(totals.total)}</dd>
            </div>
          </dl>
        </Group>

        <RecommendationsPicker
          id="activity-recommendations"
          recommendations={outline.recommendations}
          value={form.recommendations}
          onChange={(codes) => set('recommendations', codes)}
          error={issues.get('recommendations') ?? [...issues].find(([path]) => path.startsWith('recommendations['))?.[1]}
        />
      </FormFrame>
      <IndicatorList
        api={api}
        outline={outline}
        parent={state.code}
        indicators={detail.indicators ?? []}
        editable={editable}
        defaultLevel="output"
        hrefOf={hrefOf}
      />
    </>
  );
}
