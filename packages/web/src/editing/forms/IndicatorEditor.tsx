import { useCallback, useMemo } from 'react';
import {
  DISAGGREGATIONS,
  INDICATOR_LEVELS,
  MEASURES,
  type Disaggregation,
  type IndicatorLevel,
  type Language,
  type Measure,
} from '@ariadne/domain';
import type { ApiIssue } from '../../api.ts';
import { SelectField, TextField } from '../../components/Field.tsx';
import { i18n, useLanguage } from '../../i18n.ts';
import { disaggregationLabel, indicatorLevelLabel, measureLabel } from '../../labels.ts';
import type { IndicatorData } from '../api.ts';
import { formatDecimalInput, parseDecimal } from '../numbers.ts';
import { CheckboxGroup, CodeField, Group, TextAreaField } from './fields.tsx';
import { FormFrame, type Describe } from './FormFrame.tsx';
import { parseYear, rowKey, type ElementFormProps } from './types.ts';
import { useElementForm, type Conversion } from './useElementForm.ts';

/** The indicator editor's fields; values and years as typed. */
export type IndicatorFields = {
  id: string;
  name: string;
  level: IndicatorLevel;
  measure: Measure;
  unit: string;
  scale: { key: string; text: string }[];
  baseline: { value: string; year: string; source: string };
  target: { value: string; year: string };
  milestones: { key: string; value: string; year: string }[];
  meansOfVerification: string;
  disaggregation: Disaggregation[];
};

/** A value as a field shows it: a number in the reader's conventions, or the index of yes/no and of a scale. */
function valueText(value: number | undefined, measure: Measure, language: Language): string {
  if (value === undefined) return '';
  return measure === 'yes_no' || measure === 'qualitative' ? String(value) : formatDecimalInput(value, language);
}

function indicatorFields(language: Language) {
  return (data: IndicatorData): IndicatorFields => ({
    id: data.id,
    name: data.name,
    level: data.level,
    measure: data.measure,
    unit: data.unit ?? '',
    scale: (data.scale ?? []).map((text) => ({ key: rowKey(), text })),
    baseline: {
      value: valueText(data.baseline?.value, data.measure, language),
      year: data.baseline ? String(data.baseline.year) : '',
      source: data.baseline?.source ?? '',
    },
    target: { value: valueText(data.target?.value, data.measure, language), year: data.target ? String(data.target.year) : '' },
    milestones: (data.milestones ?? []).map((milestone) => ({
      key: rowKey(),
      value: valueText(milestone.value, data.measure, language),
      year: String(milestone.year),
    })),
    meansOfVerification: data.meansOfVerification ?? '',
    disaggregation: data.disaggregation ?? [],
  });
}

/** The indicator's data from the fields, or the problems of the values and years typed. */
export function indicatorData(fields: IndicatorFields, language: Language): Conversion<'indicator'> {
  const issues: ApiIssue[] = [];
  const required = i18n.t('issues.required');
  const readValue = (text: string, path: string): number => {
    if (text.trim() === '') {
      issues.push({ path, message: required });
      return 0;
    }
    const value = fields.measure === 'yes_no' || fields.measure === 'qualitative' ? Number(text) : parseDecimal(text, language);
    if (value === null || !Number.isFinite(value)) {
      issues.push({ path, message: i18n.t('issues.expected_number') });
      return 0;
    }
    return value;
  };
  const readYear = (text: string, path: string): number => {
    const year = parseYear(text);
    if (year === null) issues.push({ path, message: text.trim() === '' ? required : i18n.t('issues.expected_integer') });
    return year ?? 0;
  };
  const { baseline, target } = fields;
  const hasBaseline = baseline.value.trim() !== '' || baseline.year.trim() !== '' || baseline.source.trim() !== '';
  const hasTarget = target.value.trim() !== '' || target.year.trim() !== '';
  const data: IndicatorData = {
    id: fields.id.trim(),
    name: fields.name,
    level: fields.level,
    measure: fields.measure,
    ...(fields.measure !== 'qualitative' && fields.unit.trim() !== '' ? { unit: fields.unit } : {}),
    ...(fields.measure === 'qualitative' ? { scale: fields.scale.map((label) => label.text) } : {}),
    ...(hasBaseline
      ? {
          baseline: {
            value: readValue(baseline.value, 'baseline.value'),
            year: readYear(baseline.year, 'baseline.year'),
            ...(baseline.source.trim() !== '' ? { source: baseline.source } : {}),
          },
        }
      : {}),
    ...(hasTarget ? { target: { value: readValue(target.value, 'target.value'), year: readYear(target.year, 'target.year') } } : {}),
    ...(fields.milestones.length > 0
      ? {
          milestones: fields.milestones.map((milestone, index) => ({
            value: readValue(milestone.value, `milestones[${index}].value`),
            year: readYear(milestone.year, `milestones[${index}].year`),
          })),
        }
      : {}),
    ...(fields.meansOfVerification.trim() !== '' ? { meansOfVerification: fields.meansOfVerification } : {}),
    ...(fields.disaggregation.length > 0 ? { disaggregation: fields.disaggregation } : {}),
  };
  return issues.length > 0 ? { issues } : { data };
}

const PLACED = [
  /^(id|name|level|measure|unit|meansOfVerification|scale)$/,
  /^scale\[\d+\]$/,
  /^(baseline|target)(\.(value|year|source))?$/,
  /^milestones\[\d+\]\.(value|year)$/,
  /^disaggregation(\[\d+\])?$/,
];

/**
 * The indicator editor: name, code, level, what it measures, its unit or (for a qualitative
 * indicator) its ordered scale, baseline, milestones, final target, means of verification and the
 * breakdowns its values are reported with. Saved as one types.
 */
export function IndicatorEditor({ api, detail, outline, editable, onSaved, onRenamed }: ElementFormProps<'indicator'>) {
  const { t, language } = useLanguage();
  const toForm = useMemo(() => indicatorFields(language), [language]);
  const toData = useCallback((fields: IndicatorFields) => indicatorData(fields, language), [language]);
  const state = useElementForm({ api, detail, toForm, toData, editable, onSaved, onRenamed });
  const { form, update, issues } = state;
  const parentTitle =
    outline.goals.flatMap((goal) => goal.objectives).find((objective) => objective.id === detail.parent)?.title ??
    outline.actionPlans.flatMap((plan) => plan.activities).find((activity) => activity.id === detail.parent)?.title;

  const set = <Key extends keyof IndicatorFields>(key: Key, value: IndicatorFields[Key]) =>
    update((previous) => ({ ...previous, [key]: value }));

  const changeMeasure = (measure: Measure) =>
    update((previous) => {
      // Values that mean nothing under the new measure are cleared rather than reinterpreted.
      const fits = (text: string) =>
        measure === 'yes_no'
          ? text === '0' || text === '1' || text === ''
          : measure === 'qualitative'
            ? /^\d*$/.test(text)
            : previous.measure !== 'qualitative' && previous.measure !== 'yes_no';
      const keep = (text: string) => (fits(text) ? text : '');
      return {
        ...previous,
        measure,
        baseline: { ...previous.baseline, value: keep(previous.baseline.value) },
        target: { ...previous.target, value: keep(previous.target.value) },
        milestones: previous.milestones.map((milestone) => ({ ...milestone, value: keep(milestone.value) })),
        scale: measure === 'qualitative' && previous.scale.length === 0 ? [{ key: rowKey(), text: '' }] : previous.scale,
      };
    });

  const moveLabel = (index: number, step: number) =>
    update((previous) => {
      const scale = [...previous.scale];
      const [label] = scale.splice(index, 1);
      if (label === undefined) return previous;
      scale.splice(index + step, 0, label);
      return { ...previous, scale };
    });

  /** A value field that fits the measure: a number, yes or no, or a label of the scale. */
  const valueField = (id: string, label: string, value: string, onChange: (text: string) => void, error: string | undefined) => {
    if (form.measure === 'yes_no' || form.measure === 'qualitative') {
      return (
        <SelectField id={id} label={label} value={value} onChange={(event) => onChange(event.target.value)} error={error}>
          <option value="">{t('app.common.notSet')}</option>
          {form.measure === 'yes_no' ? (
            <>
              <option value="0">{t('app.common.no')}</option>
              <option value="1">{t('app.common.yes')}</option>
            </>
          ) : (
            form.scale.map((entry, index) => (
              <option key={entry.key} value={String(index)}>
                {entry.text === '' ? t('app.editor.indicator.scaleLabel', { position: index + 1 }) : entry.text}
              </option>
            ))
          )}
        </SelectField>
      );
    }
    return (
      <TextField
        id={id}
        label={label}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        className="input-number"
      />
    );
  };

  const describeValue = (fields: IndicatorFields, text: string) =>
    fields.measure === 'yes_no'
      ? text === '1'
        ? t('app.common.yes')
        : text === '0'
          ? t('app.common.no')
          : ''
      : fields.measure === 'qualitative'
        ? (fields.scale[Number(text)]?.text ?? text)
        : text;
  const describe: Describe<IndicatorFields> = (fields) => [
    { field: 'id', label: t('app.editor.fields.code'), value: fields.id },
    { field: 'name', label: t('app.editor.indicator.name'), value: fields.name },
    { field: 'level', label: t('app.editor.indicator.level'), value: indicatorLevelLabel(fields.level) },
    { field: 'measure', label: t('app.editor.indicator.measure'), value: measureLabel(fields.measure) },
    { field: 'unit', label: t('app.editor.indicator.unit'), value: fields.unit },
    { field: 'scale', label: t('app.editor.indicator.scale'), value: fields.scale.map((entry) => entry.text).join(' < ') },
    {
      field: 'baseline',
      label: t('app.editor.indicator.baseline'),
      value: [describeValue(fields, fields.baseline.value), fields.baseline.year, fields.baseline.source]
        .filter((part) => part !== '')
        .join(' · '),
    },
    {
      field: 'milestones',
      label: t('app.editor.indicator.milestones'),
      value: fields.milestones.map((milestone) => `${milestone.year}: ${describeValue(fields, milestone.value)}`).join('; '),
    },
    {
      field: 'target',
      label: t('app.editor.indicator.target'),
      value: [describeValue(fields, fields.target.value), fields.target.year].filter((part) => part !== '').join(' · '),
    },
    { field: 'meansOfVerification', label: t('app.editor.indicator.meansOfVerification'), value: fields.meansOfVerification },
    {
      field: 'disaggregation',
      label: t('app.editor.indicator.disaggregation'),
      value: fields.disaggregation.map(disaggregationLabel).join(', '),
    },
  ];

  return (
    <>
      {detail.parent !== undefined ? (
        <p className="lead">{t('app.editor.indicator.of', { code: detail.parent, title: parentTitle ?? detail.parent })}</p>
      ) : null}
      <FormFrame
        state={state}
        describe={describe}
        toForm={(data) => toForm(data as IndicatorData)}
        isPlaced={(path) => PLACED.some((pattern) => pattern.test(path))}
        editable={editable}
      >
        <Group legend={t('app.editor.indicator.what')}>
          <TextAreaField
            id="indicator-name"
            label={t('app.editor.indicator.name')}
            rows={2}
            value={form.name}
            onChange={(event) => set('name', event.target.value)}
            error={issues.get('name')}
          />
          <CodeField id="indicator-code" value={form.id} onChange={(code) => set('id', code)} error={issues.get('id')} />
          <div className="field-row">
            <SelectField
              id="indicator-level"
              label={t('app.editor.indicator.level')}
              value={form.level}
              onChange={(event) => set('level', event.target.value as IndicatorLevel)}
              error={issues.get('level')}
            >
              {INDICATOR_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {indicatorLevelLabel(level)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="indicator-measure"
              label={t('app.editor.indicator.measure')}
              value={form.measure}
              onChange={(event) => changeMeasure(event.target.value as Measure)}
              error={issues.get('measure')}
            >
              {MEASURES.map((measure) => (
                <option key={measure} value={measure}>
                  {measureLabel(measure)}
                </option>
              ))}
            </SelectField>
            {form.measure !== 'qualitative' ? (
              <TextField
                id="indicator-unit"
                label={t('app.editor.indicator.unit')}
                hint={t('app.editor.indicator.unitHint')}
                value={form.unit}
                onChange={(event) => set('unit', event.target.value)}
                error={issues.get('unit')}
                autoComplete="off"
              />
            ) : null}
          </div>
        </Group>

        {form.measure === 'qualitative' ? (
          <Group legend={t('app.editor.indicator.scale')} className="scale-editor">
            <p className="field-hint">{t('app.editor.indicator.scaleHint')}</p>
            {issues.get('scale') ? <p className="field-error">{issues.get('scale')}</p> : null}
            <ol className="scale-list">
              {form.scale.map((entry, index) => (
                <li key={entry.key} className="scale-row">
                  <TextField
                    id={`scale-${index}`}
                    label={t('app.editor.indicator.scaleLabel', { position: index + 1 })}
                    value={entry.text}
                    onChange={(event) =>
                      set(
                        'scale',
                        form.scale.map((candidate, at) => (at === index ? { ...candidate, text: event.target.value } : candidate)),
                      )
                    }
                    error={issues.get(`scale[${index}]`)}
                    autoComplete="off"
                  />
                  <span className="tree-controls">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      disabled={index === 0}
                      onClick={() => moveLabel(index, -1)}
                      aria-label={t('app.editor.indicator.scaleUp', { position: index + 1 })}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      disabled={index === form.scale.length - 1}
                      onClick={() => moveLabel(index, 1)}
                      aria-label={t('app.editor.indicator.scaleDown', { position: index + 1 })}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={() =>
                        set(
                          'scale',
                          form.scale.filter((_, at) => at !== index),
                        )
                      }
                      aria-label={t('app.editor.indicator.scaleRemove', { position: index + 1 })}
                    >
                      {t('app.editor.activity.remove')}
                    </button>
                  </span>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => set('scale', [...form.scale, { key: rowKey(), text: '' }])}
            >
              {t('app.editor.indicator.scaleAdd')}
            </button>
          </Group>
        ) : null}

        <Group legend={t('app.editor.indicator.baseline')}>
          <div className="field-row">
            {valueField(
              'indicator-baseline-value',
              t('app.editor.indicator.value'),
              form.baseline.value,
              (value) => set('baseline', { ...form.baseline, value }),
              issues.get('baseline.value') ?? issues.get('baseline'),
            )}
            <TextField
              id="indicator-baseline-year"
              label={t('app.editor.indicator.year')}
              inputMode="numeric"
              autoComplete="off"
              className="input-year"
              value={form.baseline.year}
              onChange={(event) => set('baseline', { ...form.baseline, year: event.target.value })}
              error={issues.get('baseline.year')}
            />
            <TextField
              id="indicator-baseline-source"
              label={t('app.editor.indicator.baselineSource')}
              autoComplete="off"
              value={form.baseline.source}
              onChange={(event) => set('baseline', { ...form.baseline, source: event.target.value })}
              error={issues.get('baseline.source')}
            />
          </div>
        </Group>

        <Group legend={t('app.editor.indicator.milestones')}>
          {form.milestones.length === 0 ? <p className="empty">{t('app.editor.indicator.noMilestones')}</p> : null}
          {form.milestones.map((milestone, index) => (
            <div key={milestone.key} className="field-row milestone-row">
              {valueField(
                `milestone-${index}-value`,
                t('app.editor.indicator.milestoneValue', { position: index + 1 }),
                milestone.value,
                (value) =>
                  set(
                    'milestones',
                    form.milestones.map((candidate, at) => (at === index ? { ...candidate, value } : candidate)),
                  ),
                issues.get(`milestones[${index}].value`),
              )}
              <TextField
                id={`milestone-${index}-year`}
                label={t('app.editor.indicator.milestoneYear', { position: index + 1 })}
                inputMode="numeric"
                autoComplete="off"
                className="input-year"
                value={milestone.year}
                onChange={(event) =>
                  set(
                    'milestones',
                    form.milestones.map((candidate, at) => (at === index ? { ...candidate, year: event.target.value } : candidate)),
                  )
                }
                error={issues.get(`milestones[${index}].year`)}
              />
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() =>
                  set(
                    'milestones',
                    form.milestones.filter((_, at) => at !== index),
                  )
                }
                aria-label={t('app.editor.indicator.milestoneRemove', { position: index + 1 })}
              >
                {t('app.editor.activity.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set('milestones', [...form.milestones, { key: rowKey(), value: '', year: '' }])}
          >
            {t('app.editor.indicator.milestoneAdd')}
          </button>
        </Group>

        <Group legend={t('app.editor.indicator.target')}>
          <div className="field-row">
            {valueField(
              'indicator-target-value',
              t('app.editor.indicator.value'),
              form.target.value,
              (value) => set('target', { ...form.target, value }),
              issues.get('target.value') ?? issues.get('target'),
            )}
            <TextField
              id="indicator-target-year"
              label={t('app.editor.indicator.year')}
              inputMode="numeric"
              autoComplete="off"
              className="input-year"
              value={form.target.year}
              onChange={(event) => set('target', { ...form.target, year: event.target.value })}
              error={issues.get('target.year')}
            />
          </div>
        </Group>

        <Group legend={t('app.editor.indicator.reporting')}>
          <TextAreaField
            id="indicator-verification"
            label={t('app.editor.indicator.meansOfVerification')}
            hint={t('app.editor.indicator.meansOfVerificationHint')}
            rows={3}
            value={form.meansOfVerification}
            onChange={(event) => set('meansOfVerification', event.target.value)}
            error={issues.get('meansOfVerification')}
          />
          <CheckboxGroup
            id="indicator-disaggregation"
            legend={t('app.editor.indicator.disaggregation')}
            values={DISAGGREGATIONS}
            selected={form.disaggregation}
            labelOf={disaggregationLabel}
            onChange={(values) => set('disaggregation', values)}
            error={issues.get('disaggregation') ?? [...issues].find(([path]) => path.startsWith('disaggregation['))?.[1]}
          />
        </Group>
      </FormFrame>
    </>
  );
}
